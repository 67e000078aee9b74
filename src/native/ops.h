/* The operators of the platform's ONNX Runtime library, registered by library.c. */
#ifndef RAGPLATFORM_OPS_H
#define RAGPLATFORM_OPS_H
#include "onnxruntime_c_api.h"

/* "HardSwish" in the standard domain: a uint8 table lookup (u8lookup.c). */
void hard_swish_op_init(const OrtApi* api, OrtCustomOp* op);

/* "CtcHead" in ai.ragplatform.ocr: the recogniser's CTC head and best-class search (ctchead.c). */
void ctc_head_op_init(const OrtApi* api, OrtCustomOp* op);

#endif
