/*
 * The loops of the fused CTC head (ctchead.h): logits of a block of steps, each step's best class, and the
 * sum of exponentials behind the probability of the characters the decoder emits.
 *
 * Logits are ONNX Runtime's MatMulIntegerToFloat's, bit for bit: the int32 sum Σk (a[k] - a_zero) · w[k][class]
 * (exact, whatever the order), converted to float, multiplied by a_scale · b_scale[class] (one rounding),
 * then the bias added (a second one) — MLAS's QGEMM scale-and-bias output processor multiplies and adds
 * separately, so the build turns off floating-point contraction (-ffp-contract=off) for these lines.
 */
#include <math.h>
#include "ctchead.h"

int32_t ctc_index_of_max(const float* row, int n) {
    int32_t best = 0;
    float top = row[0];
    if (isnan(top)) return 0;
    for (int32_t i = 1; i < n; i++) {
        float v = row[i];
        if (isnan(v)) return i;
        if (v > top || (v == top && signbit(top) && !signbit(v))) { top = v; best = i; }
    }
    return best;
}

static void block_portable(const ctc_weights_t* w, const uint8_t* a, float* logits, int32_t* best) {
    for (int s = 0; s < CTC_STEPS; s++) {
        const uint8_t* x = a + (size_t)s * w->kpad;
        float* out = logits + (size_t)s * w->npad;
        for (int c = 0; c < w->n; c++) {
            const int8_t* weights = w->rows + (size_t)c * w->kpad;
            int32_t acc = w->start[c];
            for (int k = 0; k < w->k; k++) acc += (int32_t)x[k] * weights[k];
            float scaled = (float)acc * w->multiplier[c];
            out[c] = scaled + w->bias[c];
        }
        best[s] = ctc_index_of_max(out, w->n);
    }
}

/* Summed in double: one float running sum over 6,625 terms would drift by up to n · 2^-24. */
static float exp_sum_portable(const float* row, int n, float top) {
    double sum = 0;
    for (int i = 0; i < n; i++) sum += expf(row[i] - top);
    return (float)sum;
}

#if defined(__x86_64__)
#include <immintrin.h>

#define VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))

/* Per step: the accumulators of 16 classes, then their logits, kept as a running maximum per lane with the
 * tile where it first appeared (strictly greater replaces, so each lane keeps its first occurrence); the
 * smallest class among the lanes holding the step's maximum is then its first index. A NaN or a zero
 * maximum (where -0 and +0 compare equal) goes to the exact scan, as the unfused decoder does. */
VNNI static void block_vnni(const ctc_weights_t* w, const uint8_t* a, float* logits, int32_t* best) {
    __m512 top[CTC_STEPS];
    __m512i where[CTC_STEPS];
    __mmask16 nan = 0;
    for (int s = 0; s < CTC_STEPS; s++) { top[s] = _mm512_set1_ps(-INFINITY); where[s] = _mm512_setzero_si512(); }
    const int groups = w->kpad / 4, tiles = w->npad / 16;
    const int32_t* x = (const int32_t*)a; /* 4 inputs per int32; rows of kpad bytes, kpad a multiple of 4 */
    for (int t = 0; t < tiles; t++) {
        __m512i acc[CTC_STEPS];
        const __m512i start = _mm512_loadu_si512(w->start + 16 * t);
        for (int s = 0; s < CTC_STEPS; s++) acc[s] = start;
        const int8_t* tile = w->packed + (size_t)t * groups * 64;
        for (int g = 0; g < groups; g++) {
            const __m512i weights = _mm512_loadu_si512(tile + 64 * g);
            for (int s = 0; s < CTC_STEPS; s++)
                acc[s] = _mm512_dpbusd_epi32(acc[s], _mm512_set1_epi32(x[s * groups + g]), weights);
        }
        const __m512 multiplier = _mm512_loadu_ps(w->multiplier + 16 * t), bias = _mm512_loadu_ps(w->bias + 16 * t);
        const __m512i index = _mm512_set1_epi32(t);
        for (int s = 0; s < CTC_STEPS; s++) {
            __m512 logit = _mm512_add_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc[s]), multiplier), bias);
            _mm512_storeu_ps(logits + (size_t)s * w->npad + 16 * t, logit);
            __mmask16 greater = _mm512_cmp_ps_mask(logit, top[s], _CMP_GT_OQ);
            top[s] = _mm512_mask_mov_ps(top[s], greater, logit);
            where[s] = _mm512_mask_mov_epi32(where[s], greater, index);
            nan |= _mm512_cmp_ps_mask(logit, logit, _CMP_UNORD_Q);
        }
    }
    const __m512i lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    for (int s = 0; s < CTC_STEPS; s++) {
        float maximum = _mm512_reduce_max_ps(top[s]);
        if (nan || maximum == 0) {
            best[s] = ctc_index_of_max(logits + (size_t)s * w->npad, w->n);
            continue;
        }
        __mmask16 holders = _mm512_cmp_ps_mask(top[s], _mm512_set1_ps(maximum), _CMP_EQ_OQ);
        __m512i classes = _mm512_add_epi32(_mm512_slli_epi32(where[s], 4), lanes);
        best[s] = _mm512_mask_reduce_min_epi32(holders, classes);
    }
}

/* exp(x) for x <= 0: 2^n · e^r with n = round(x / ln 2), |r| <= ln 2 / 2, e^r by Cephes' polynomial
 * (about 1 ulp); below -87 the terms are under float's normal range and count for nothing in the sum. */
VNNI static __m512 exp_negative(__m512 x) {
    x = _mm512_max_ps(x, _mm512_set1_ps(-87.0f));
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 p = _mm512_set1_ps(1.9875691500e-4f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
    __m512 y = _mm512_add_ps(_mm512_fmadd_ps(_mm512_mul_ps(p, r), r, r), _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(y, n);
}

VNNI static float exp_sum_vnni(const float* row, int n, float top) {
    const __m512 shift = _mm512_set1_ps(top);
    __m512 sum = _mm512_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) sum = _mm512_add_ps(sum, exp_negative(_mm512_sub_ps(_mm512_loadu_ps(row + i), shift)));
    if (i < n) {
        __mmask16 tail = (__mmask16)((1u << (n - i)) - 1);
        __m512 terms = exp_negative(_mm512_sub_ps(_mm512_maskz_loadu_ps(tail, row + i), shift));
        sum = _mm512_add_ps(sum, _mm512_maskz_mov_ps(tail, terms));
    }
    return _mm512_reduce_add_ps(sum);
}
#endif

int ctc_loops_vectorised(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vnni");
#else
    return 0;
#endif
}

void ctc_choose_loops(ctc_block_fn* block, ctc_exp_sum_fn* exp_sum) {
    *block = block_portable;
    *exp_sum = exp_sum_portable;
#if defined(__x86_64__)
    if (ctc_loops_vectorised()) {
        *block = block_vnni;
        *exp_sum = exp_sum_vnni;
    }
#endif
}
