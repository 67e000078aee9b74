/*
 * The platform's ONNX Runtime operator library (libragplatform_ocr.so, built by scripts/build-native.sh,
 * loaded with SessionOptions.RegisterCustomOpLibrary): the OCR recogniser's hard-swish as a table lookup
 * (u8lookup.c) and its CTC head fused with the decoder's best-class search (ctchead.c).
 */
#include <pthread.h>
#include <string.h>
#include "ops.h"
#include "ctchead.h"

static const OrtApi* ort;
static OrtCustomOp hard_swish, ctc_head;
static OrtCustomOpDomain *standard, *ocr;
static OrtStatus* domain_error;

static const char* ORT_API_CALL cpu_provider(const OrtCustomOp* op) { (void)op; return "CPUExecutionProvider"; }
static OrtMemType ORT_API_CALL default_memory(const OrtCustomOp* op, size_t index) {
    (void)op; (void)index; return OrtMemTypeDefault;
}
static int ORT_API_CALL start_version(const OrtCustomOp* op) { (void)op; return 1; }

OrtCustomOpInputOutputCharacteristic ORT_API_CALL op_required(const OrtCustomOp* op, size_t index) {
    (void)op; (void)index; return INPUT_OUTPUT_REQUIRED;
}

void op_init_cpu_defaults(OrtCustomOp* op) {
    memset(op, 0, sizeof *op);
    op->version = ORT_API_VERSION;
    op->GetExecutionProviderType = cpu_provider;
    op->GetOutputCharacteristic = op_required;
    op->GetInputMemoryType = default_memory;
    op->GetStartVersion = start_version;
}

/* The lookup takes the standard domain (see u8lookup.c); the CTC head, which comes after the network's
 * NHWC region and its transpose optimisation, a domain of its own. */
static void create_domains(void) {
    hard_swish_op_init(ort, &hard_swish);
    ctc_head_op_init(ort, &ctc_head);
    domain_error = ort->CreateCustomOpDomain("", &standard);
    if (!domain_error) domain_error = ort->CustomOpDomain_Add(standard, &hard_swish);
    if (!domain_error) domain_error = ort->CreateCustomOpDomain("ai.ragplatform.ocr", &ocr);
    if (!domain_error) domain_error = ort->CustomOpDomain_Add(ocr, &ctc_head);
}

/* The entry point SessionOptions.RegisterCustomOpLibrary calls, once per session options. The domains
 * are created once and shared: ONNX Runtime requires them to outlive every session that uses them. */
__attribute__((visibility("default")))
OrtStatus* ORT_API_CALL RegisterCustomOps(OrtSessionOptions* options, const OrtApiBase* api) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    const OrtApi* requested = api->GetApi(ORT_API_VERSION);
    if (!requested) return NULL; /* an older ONNX Runtime: nothing registered, the session fails to load the graph */
    ort = requested;
    pthread_once(&once, create_domains);
    /* Each call returns a status of its own: the caller releases what it gets. */
    if (domain_error) return ort->CreateStatus(ort->GetErrorCode(domain_error), ort->GetErrorMessage(domain_error));
    OrtStatus* status = ort->AddCustomOpDomain(options, standard);
    return status ? status : ort->AddCustomOpDomain(options, ocr);
}

/* 1 when the CTC head's loops are vectorised on this CPU (AVX-512 VNNI), 0 when they are the portable ones: those take
 * about 30 times as long, slower than ONNX Runtime's own MatMulIntegerToFloat, so the platform then leaves the head as it is. */
__attribute__((visibility("default")))
int RagPlatformCtcHeadVectorised(void) {
    return ctc_loops_vectorised();
}
