/*
 * ONNX Runtime operator "CtcHead" (domain ai.ragplatform.ocr): the OCR recogniser's CTC head, a
 * MatMulIntegerToFloat (uint8 steps [.., T, K] × int8 weights [K, classes], per-class scales, a bias),
 * fused with what the greedy CTC decoder reads from its logits. Same seven inputs; two outputs of shape
 * [.., T] instead of [.., T, classes]:
 *   best (int32)  each step's best class: the first index of its maximum logit;
 *   sums (float)  for a step that emits a character (best not the blank 0 and not the previous step's best,
 *                 steps counted from the start of each line), Σ exp(logit - logit[best]), the inverse of
 *                 the character's probability; 0 for the other steps.
 * Why: the head's output is 6,625 floats a step (a screenshot's ~790 steps write and read back 21 MB), read
 * only for a maximum and, for a few steps in four, one softmax value. Here each block of CTC_STEPS steps
 * is computed into a small buffer that stays in cache; the logits are bit for bit ONNX Runtime's, so the
 * best classes are the unfused path's (ctchead_loops.c says how).
 * The weights, scales and zero points must be constants (they are repacked once, for vpdpbusd) and the
 * weights' zero points 0 (the platform quantises them symmetrically).
 */
#include <stdlib.h>
#include <string.h>
#include "ops.h"
#include "ctchead.h"

static const OrtApi* ort;
static ctc_block_fn block;
static ctc_exp_sum_fn exp_sum;

#define CHECK(expr) do { OrtStatus* s_ = (expr); if (s_) return s_; } while (0)
#define FAIL(message) ort->CreateStatus(ORT_INVALID_ARGUMENT, "CtcHead: " message)

static void free_weights(ctc_weights_t* w) {
    if (!w) return;
    free(w->packed); free(w->rows); free(w->start); free(w->multiplier); free(w->bias);
    free(w);
}

/* A constant input's data and element count; NULL data when the input is absent. */
static OrtStatus* constant(const OrtKernelInfo* info, size_t index, const void** data, size_t* count, size_t* rank, int64_t* dims) {
    int is_constant = 0;
    const OrtValue* value = NULL;
    *data = NULL; *count = 0;
    size_t inputs = 0;
    CHECK(ort->KernelInfo_GetInputCount(info, &inputs));
    if (index >= inputs) return NULL;
    CHECK(ort->KernelInfoGetConstantInput_tensor(info, index, &is_constant, &value));
    if (!is_constant || !value) return FAIL("the weights, scales, zero points and bias must be constants");
    OrtTensorTypeAndShapeInfo* shape;
    CHECK(ort->GetTensorTypeAndShape(value, &shape));
    OrtStatus* status = ort->GetTensorShapeElementCount(shape, count);
    if (!status && rank) status = ort->GetDimensionsCount(shape, rank);
    if (!status && rank && *rank == 2) status = ort->GetDimensions(shape, dims, 2);
    ort->ReleaseTensorTypeAndShapeInfo(shape);
    if (status) return status;
    return ort->GetTensorData(value, data);
}

static OrtStatus* read_weights(const OrtKernelInfo* info, ctc_weights_t* w) {
    const void *b, *a_scale, *b_scale, *a_zero, *b_zero, *bias;
    size_t b_count, a_scale_count, b_scale_count, a_zero_count, b_zero_count, bias_count, rank = 0;
    int64_t dims[2];
    CHECK(constant(info, 1, &b, &b_count, &rank, dims));
    if (!b || rank != 2) return FAIL("the weights must be a constant [K, classes] matrix");
    CHECK(constant(info, 2, &a_scale, &a_scale_count, NULL, NULL));
    CHECK(constant(info, 3, &b_scale, &b_scale_count, NULL, NULL));
    CHECK(constant(info, 4, &a_zero, &a_zero_count, NULL, NULL));
    CHECK(constant(info, 5, &b_zero, &b_zero_count, NULL, NULL));
    CHECK(constant(info, 6, &bias, &bias_count, NULL, NULL));
    const int k = (int)dims[0], n = (int)dims[1];
    if (!a_scale || a_scale_count != 1) return FAIL("the input's scale must be one value");
    if (!b_scale || (b_scale_count != 1 && b_scale_count != (size_t)n)) return FAIL("the weights' scale must be one value or one per class");
    if (a_zero && a_zero_count != 1) return FAIL("the input's zero point must be one value");
    if (b_zero && b_zero_count != 1 && b_zero_count != (size_t)n) return FAIL("the weights' zero point must be one value or one per class");
    for (size_t i = 0; b_zero && i < b_zero_count; i++)
        if (((const int8_t*)b_zero)[i] != 0) return FAIL("the weights' zero points must be 0");
    if (bias && bias_count != (size_t)n) return FAIL("the bias must have one value per class");

    w->k = k; w->kpad = (k + 3) / 4 * 4; w->n = n; w->npad = (n + 15) / 16 * 16;
    w->packed = aligned_alloc(64, (size_t)w->npad * w->kpad);
    w->rows = malloc((size_t)n * w->kpad);
    w->start = aligned_alloc(64, (size_t)w->npad * sizeof(int32_t));
    w->multiplier = aligned_alloc(64, (size_t)w->npad * sizeof(float));
    w->bias = aligned_alloc(64, (size_t)w->npad * sizeof(float));
    if (!w->packed || !w->rows || !w->start || !w->multiplier || !w->bias) return ort->CreateStatus(ORT_FAIL, "CtcHead: out of memory");
    memset(w->packed, 0, (size_t)w->npad * w->kpad);
    memset(w->rows, 0, (size_t)n * w->kpad);

    const int8_t* weights = (const int8_t*)b;
    const int32_t zero = a_zero ? *(const uint8_t*)a_zero : 0;
    const float input_scale = *(const float*)a_scale;
    const int groups = w->kpad / 4;
    for (int c = 0; c < w->npad; c++) {
        int32_t column = 0;
        for (int i = 0; c < n && i < k; i++) {
            int8_t value = weights[(size_t)i * n + c];
            column += value;
            w->rows[(size_t)c * w->kpad + i] = value;
            w->packed[((size_t)(c / 16) * groups + i / 4) * 64 + (c % 16) * 4 + i % 4] = value;
        }
        w->start[c] = -zero * column;
        /* ONNX Runtime's multiplier: a_scale · b_scale, one float product per class. */
        w->multiplier[c] = c < n ? input_scale * ((const float*)b_scale)[b_scale_count == 1 ? 0 : c] : 0.0f;
        w->bias[c] = c >= n ? -__builtin_inff() : bias ? ((const float*)bias)[c] : 0.0f;
    }
    return NULL;
}

static OrtStatus* ORT_API_CALL create_kernel(const OrtCustomOp* op, const OrtApi* api, const OrtKernelInfo* info, void** out) {
    (void)op; (void)api;
    ctc_weights_t* w = calloc(1, sizeof *w);
    if (!w) return ort->CreateStatus(ORT_FAIL, "CtcHead: out of memory");
    OrtStatus* status = read_weights(info, w);
    if (status) { free_weights(w); return status; }
    *out = w;
    return NULL;
}

static void ORT_API_CALL destroy_kernel(void* kernel) { free_weights(kernel); }

/* Runs one line's steps block by block; each block's logits stay in a buffer of CTC_STEPS rows (212 KB for 6,625
 * classes), which the sums read back for the steps that emit. */
static void run_line(const ctc_weights_t* w, const uint8_t* x, size_t steps, int32_t* best, float* sums, uint8_t* a, float* logits) {
    int32_t previous = -1;
    int32_t block_best[CTC_STEPS];
    for (size_t first = 0; first < steps; first += CTC_STEPS) {
        size_t count = steps - first < CTC_STEPS ? steps - first : CTC_STEPS;
        for (size_t s = 0; s < CTC_STEPS; s++) /* a short last block repeats its last step */
            memcpy(a + s * w->kpad, x + (first + (s < count ? s : count - 1)) * w->k, (size_t)w->k);
        block(w, a, logits, block_best);
        for (size_t s = 0; s < count; s++) {
            int32_t b = block_best[s];
            best[first + s] = b;
            const float* logit = logits + s * w->npad;
            sums[first + s] = b != 0 && b != previous ? exp_sum(logit, w->n, logit[b]) : 0.0f;
            previous = b;
        }
    }
}

typedef struct {
    const ctc_weights_t* w;
    const uint8_t* x;
    size_t steps;
    int32_t* best;
    float* sums;
    _Atomic int out_of_memory;
} job_t;

/* One line, on one of ONNX Runtime's intra-op threads (KernelContext_ParallelFor): its own buffers, since
 * lines run at once and a session may run on several threads. */
static void line_task(void* data, size_t line) {
    job_t* job = data;
    const ctc_weights_t* w = job->w;
    uint8_t* a = aligned_alloc(64, (size_t)CTC_STEPS * w->kpad);
    float* logits = aligned_alloc(64, (size_t)CTC_STEPS * w->npad * sizeof(float));
    if (a && logits) {
        memset(a, 0, (size_t)CTC_STEPS * w->kpad);
        run_line(w, job->x + line * job->steps * w->k, job->steps, job->best + line * job->steps, job->sums + line * job->steps, a, logits);
    } else {
        job->out_of_memory = 1;
    }
    free(a); free(logits);
}

static OrtStatus* ORT_API_CALL compute(void* kernel, OrtKernelContext* context) {
    const ctc_weights_t* w = kernel;
    const OrtValue* input;
    CHECK(ort->KernelContext_GetInput(context, 0, &input));
    OrtTensorTypeAndShapeInfo* info;
    CHECK(ort->GetTensorTypeAndShape(input, &info));
    size_t rank = 0;
    int64_t dims[16];
    OrtStatus* status = ort->GetDimensionsCount(info, &rank);
    if (!status && (rank < 2 || rank > 16)) status = FAIL("the input must be [.., steps, K], rank 2 to 16");
    if (!status) status = ort->GetDimensions(info, dims, rank);
    ort->ReleaseTensorTypeAndShapeInfo(info);
    if (status) return status;
    if (dims[rank - 1] != w->k) return FAIL("the input's last dimension must be the weights' first");

    size_t lines = 1;
    for (size_t i = 0; i + 2 < rank; i++) lines *= (size_t)dims[i];
    OrtValue *best_value, *sums_value;
    CHECK(ort->KernelContext_GetOutput(context, 0, dims, rank - 1, &best_value));
    CHECK(ort->KernelContext_GetOutput(context, 1, dims, rank - 1, &sums_value));
    if (lines == 0 || dims[rank - 2] == 0) return NULL;
    job_t job = {.w = w, .steps = (size_t)dims[rank - 2]};
    const void* x;
    void *best, *sums;
    CHECK(ort->GetTensorData(input, &x));
    CHECK(ort->GetTensorMutableData(best_value, &best));
    CHECK(ort->GetTensorMutableData(sums_value, &sums));
    job.x = x; job.best = best; job.sums = sums;
    CHECK(ort->KernelContext_ParallelFor(context, line_task, lines, 0, &job));
    return job.out_of_memory ? ort->CreateStatus(ORT_FAIL, "CtcHead: out of memory") : NULL;
}

static const char* ORT_API_CALL name(const OrtCustomOp* op) { (void)op; return "CtcHead"; }
static ONNXTensorElementDataType ORT_API_CALL input_type(const OrtCustomOp* op, size_t index) {
    (void)op;
    static const ONNXTensorElementDataType types[7] = {
        ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT,
        ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT};
    return index < 7 ? types[index] : ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
}
static size_t ORT_API_CALL input_count(const OrtCustomOp* op) { (void)op; return 7; }
static ONNXTensorElementDataType ORT_API_CALL output_type(const OrtCustomOp* op, size_t index) {
    (void)op; return index == 0 ? ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 : ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT;
}
static size_t ORT_API_CALL output_count(const OrtCustomOp* op) { (void)op; return 2; }
static OrtCustomOpInputOutputCharacteristic ORT_API_CALL input_characteristic(const OrtCustomOp* op, size_t index) {
    (void)op; return index < 2 ? INPUT_OUTPUT_REQUIRED : INPUT_OUTPUT_OPTIONAL;
}

void ctc_head_op_init(const OrtApi* api, OrtCustomOp* op) {
    ort = api;
    ctc_choose_loops(&block, &exp_sum);
    op_init_cpu_defaults(op);
    op->GetName = name;
    op->GetInputType = input_type;
    op->GetInputTypeCount = input_count;
    op->GetOutputType = output_type;
    op->GetOutputTypeCount = output_count;
    op->GetInputCharacteristic = input_characteristic;
    op->CreateKernelV2 = create_kernel;
    op->KernelComputeV2 = compute;
    op->KernelDestroy = destroy_kernel;
}
