/*
 * ONNX Runtime custom operator library with one operator, a uint8 table lookup:
 *   Y[i] = table[X[i]]   (X, Y: uint8 tensors of the same shape; table: 256 values).
 *
 * Why: the int8 OCR recogniser's hard-swish between two quantised convolutions is a function of one
 * uint8 value, written in standard operators as two requantising passes (QLinearAdd for the gate, then
 * QLinearMul; ~22 % of the network). A 256-entry table does it in one pass: with AVX-512 VBMI,
 * two vpermi2b over the table's halves and a blend on the index's top bit give 64 values per step
 * (about 36 GB/s on Zen 4, against 3.5 for the scalar loop and 5 for the AVX2 one, chosen at run time).
 * ONNX Runtime's own table operators (QLinearLeakyRelu, QLinearSigmoid) build their table from a
 * fixed formula, so they cannot take this one.
 *
 * The operator is registered in the standard domain as "HardSwish" (uint8 only, the table in its "table"
 * attribute): ONNX Runtime's transpose optimiser moves its NHWC layout through standard one-input
 * elementwise operators it knows by name, but stops at an operator of another domain, which left two
 * Transposes around every lookup (12-15 % of the network). The platform computes the table from the scales
 * and zero points around the hard-swish (HardSwishTable.cs) and uses this library only for networks that
 * have no float HardSwish of their own.
 * Registered with the library's other operators by library.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ops.h"

static const OrtApi* ort;

/* ---- the lookup loops ------------------------------------------------------------------------ */

static void lookup_scalar(const uint8_t* x, uint8_t* y, size_t n, const uint8_t* table) {
    for (size_t i = 0; i < n; i++) y[i] = table[x[i]];
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static void lookup_vbmi(const uint8_t* x, uint8_t* y, size_t n, const uint8_t* table) {
    const __m512i t0 = _mm512_loadu_si512(table), t1 = _mm512_loadu_si512(table + 64);
    const __m512i t2 = _mm512_loadu_si512(table + 128), t3 = _mm512_loadu_si512(table + 192);
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512i v = _mm512_loadu_si512(x + i);
        /* vpermi2b indexes 128 bytes with the index's low 7 bits; the top bit picks the half. */
        __m512i low = _mm512_permutex2var_epi8(t0, v, t1);
        __m512i high = _mm512_permutex2var_epi8(t2, v, t3);
        _mm512_storeu_si512(y + i, _mm512_mask_blend_epi8(_mm512_movepi8_mask(v), low, high));
    }
    if (i < n) {
        __mmask64 tail = ~0ULL >> (64 - (n - i)); /* n - i in 1..63 */
        __m512i v = _mm512_maskz_loadu_epi8(tail, x + i);
        __m512i low = _mm512_permutex2var_epi8(t0, v, t1);
        __m512i high = _mm512_permutex2var_epi8(t2, v, t3);
        _mm512_mask_storeu_epi8(y + i, tail, _mm512_mask_blend_epi8(_mm512_movepi8_mask(v), low, high));
    }
}

/* Without VBMI (AVX2 only: Zen 2/3, Intel before Ice Lake): vpshufb looks up 16 entries by the low nibble;
 * each of the 16 rows of the table is kept where the high nibble selects it. About 1.5 times the scalar
 * loop's rate (VBMI: 10 times). */
__attribute__((target("avx2")))
static void lookup_avx2(const uint8_t* x, uint8_t* y, size_t n, const uint8_t* table) {
    __m256i rows[16];
    for (int k = 0; k < 16; k++) rows[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i*)(table + 16 * k)));
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i*)(x + i));
        __m256i low = _mm256_and_si256(v, nibble);
        __m256i high = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
        __m256i r = _mm256_setzero_si256();
        for (int k = 0; k < 16; k++) {
            __m256i row = _mm256_cmpeq_epi8(high, _mm256_set1_epi8((char)k));
            r = _mm256_or_si256(r, _mm256_and_si256(row, _mm256_shuffle_epi8(rows[k], low)));
        }
        _mm256_storeu_si256((__m256i*)(y + i), r);
    }
    lookup_scalar(x + i, y + i, n - i, table);
}
#endif

typedef void (*lookup_fn)(const uint8_t*, uint8_t*, size_t, const uint8_t*);
static lookup_fn lookup = lookup_scalar;

static void choose_lookup(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi"))
        lookup = lookup_vbmi;
    else if (__builtin_cpu_supports("avx2"))
        lookup = lookup_avx2;
#endif
}

/* ---- the operator ---------------------------------------------------------------------------- */

#define CHECK(expr) do { OrtStatus* s_ = (expr); if (s_) return s_; } while (0)

typedef struct { uint8_t table[256]; } kernel_t;

static OrtStatus* ORT_API_CALL create_kernel(const OrtCustomOp* op, const OrtApi* api, const OrtKernelInfo* info, void** out) {
    (void)op; (void)api;
    int64_t values[256];
    size_t count = 256;
    CHECK(ort->KernelInfoGetAttributeArray_int64(info, "table", values, &count));
    if (count != 256) return ort->CreateStatus(ORT_INVALID_ARGUMENT, "HardSwish (uint8 lookup): the table must have 256 values");
    kernel_t* kernel = (kernel_t*)malloc(sizeof *kernel);
    if (!kernel) return ort->CreateStatus(ORT_FAIL, "HardSwish (uint8 lookup): out of memory");
    for (int i = 0; i < 256; i++) kernel->table[i] = (uint8_t)values[i];
    *out = kernel;
    return NULL;
}

static void ORT_API_CALL destroy_kernel(void* kernel) { free(kernel); }

static OrtStatus* ORT_API_CALL compute(void* kernel, OrtKernelContext* context) {
    const OrtValue* input;
    CHECK(ort->KernelContext_GetInput(context, 0, &input));
    OrtTensorTypeAndShapeInfo* info;
    CHECK(ort->GetTensorTypeAndShape(input, &info));
    size_t rank = 0, count = 0;
    int64_t dims[16];
    OrtStatus* status = ort->GetDimensionsCount(info, &rank);
    if (!status && rank > 16) status = ort->CreateStatus(ORT_INVALID_ARGUMENT, "HardSwish (uint8 lookup): rank above 16");
    if (!status) status = ort->GetDimensions(info, dims, rank);
    if (!status) status = ort->GetTensorShapeElementCount(info, &count);
    ort->ReleaseTensorTypeAndShapeInfo(info);
    if (status) return status;

    OrtValue* output;
    CHECK(ort->KernelContext_GetOutput(context, 0, dims, rank, &output));
    const void* x;
    void* y;
    CHECK(ort->GetTensorData(input, &x));
    CHECK(ort->GetTensorMutableData(output, &y));
    lookup((const uint8_t*)x, (uint8_t*)y, count, ((const kernel_t*)kernel)->table);
    return NULL;
}

/* Y has X's shape. Dimensions the input leaves unknown get a name of their own: written as they come
 * (-1), ONNX Runtime would take them for values. */
static OrtStatus* ORT_API_CALL infer_shape(const OrtCustomOp* op, OrtShapeInferContext* context) {
    (void)op;
    static _Atomic unsigned long unknown = 0;
    OrtTensorTypeAndShapeInfo* info; /* owned by the context: not released here */
    CHECK(ort->ShapeInferContext_GetInputTypeShape(context, 0, &info));
    size_t rank = 0;
    int64_t dims[16];
    const char* names[16];
    char written[16][40];
    CHECK(ort->GetDimensionsCount(info, &rank));
    if (rank > 16) return ort->CreateStatus(ORT_INVALID_ARGUMENT, "HardSwish (uint8 lookup): rank above 16");
    CHECK(ort->GetDimensions(info, dims, rank));
    CHECK(ort->GetSymbolicDimensions(info, names, rank));
    for (size_t i = 0; i < rank; i++) {
        if (dims[i] < 0 && (!names[i] || !names[i][0])) {
            snprintf(written[i], sizeof written[i], "u8lookup_%lu", ++unknown);
            names[i] = written[i];
        }
    }
    CHECK(ort->SetSymbolicDimensions(info, names, rank));
    return ort->ShapeInferContext_SetOutputTypeShape(context, 0, info);
}

static const char* ORT_API_CALL name(const OrtCustomOp* op) { (void)op; return "HardSwish"; }
static ONNXTensorElementDataType ORT_API_CALL uint8_type(const OrtCustomOp* op, size_t index) {
    (void)op; (void)index; return ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8;
}
static size_t ORT_API_CALL one(const OrtCustomOp* op) { (void)op; return 1; }

void hard_swish_op_init(const OrtApi* api, OrtCustomOp* op) {
    ort = api;
    choose_lookup();
    op_init_cpu_defaults(op);
    op->GetName = name;
    op->GetInputType = uint8_type;
    op->GetInputTypeCount = one;
    op->GetOutputType = uint8_type;
    op->GetOutputTypeCount = one;
    op->GetInputCharacteristic = op_required;
    op->CreateKernelV2 = create_kernel;
    op->KernelComputeV2 = compute;
    op->KernelDestroy = destroy_kernel;
    op->InferOutputShapeFn = infer_shape;
}
