/*
 * The OCR recogniser's CTC head fused with the decoder's best-class search (ctchead.c): the weights as the
 * loops read them, and the loops, chosen at run time (ctchead_loops.c).
 */
#ifndef RAGPLATFORM_CTCHEAD_H
#define RAGPLATFORM_CTCHEAD_H
#include <stddef.h>
#include <stdint.h>

/* Steps computed together: each weight tile loaded once serves this many steps' accumulators (8 of the
 * 32 AVX-512 registers, with 16 more for the running maxima and where they were found). */
#define CTC_STEPS 8

typedef struct {
    int k, kpad;            /* inputs per step; kpad rounded up to 4 (one vpdpbusd lane) */
    int n, npad;            /* classes; npad rounded up to 16 (one AVX-512 register) */
    int8_t* packed;         /* [npad/16][kpad/4][16][4]: a tile of 16 classes × 4 inputs per vpdpbusd */
    int8_t* rows;           /* [n][kpad]: each class's weights, for the portable loop */
    int32_t* start;         /* [npad]: -a_zero · Σk w[k][class], the accumulators' start (exact int32) */
    float* multiplier;      /* [npad]: a_scale · b_scale[class], as ONNX Runtime multiplies them */
    float* bias;            /* [npad]: -inf for the padding, which then never wins */
} ctc_weights_t;

/* Logits of CTC_STEPS steps (a: CTC_STEPS rows of kpad uint8) into logits (CTC_STEPS rows of npad floats),
 * and each step's best class: the first index of its maximum, as the unfused decoder takes it. */
typedef void (*ctc_block_fn)(const ctc_weights_t* w, const uint8_t* a, float* logits, int32_t* best);

/* Σ exp(row[i] - top) over the first n values (each term at most 1 when top is the row's maximum). */
typedef float (*ctc_exp_sum_fn)(const float* row, int n, float top);

/* The loops for this CPU: AVX-512 VNNI when it has it, the portable ones otherwise. */
void ctc_choose_loops(ctc_block_fn* block, ctc_exp_sum_fn* exp_sum);

/* 1 when ctc_choose_loops picks the AVX-512 VNNI loops on this CPU. */
int ctc_loops_vectorised(void);

/* The first index of the greatest value as .NET's TensorPrimitives.IndexOfMax gives it: the first NaN if
 * there is one, +0 preferred over -0. */
int32_t ctc_index_of_max(const float* row, int n);

#endif
