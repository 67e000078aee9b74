/* The operators of the platform's ONNX Runtime library, registered by library.c. */
#ifndef RAGPLATFORM_OPS_H
#define RAGPLATFORM_OPS_H
#include "onnxruntime_c_api.h"

/* Clears op and fills in what every operator of the library shares: ONNX Runtime's version, the CPU execution
 * provider, opset 1, every output required and every input in CPU memory (library.c). */
void op_init_cpu_defaults(OrtCustomOp* op);

/* An input or output that must be there (the callback op_init_cpu_defaults sets for outputs). */
OrtCustomOpInputOutputCharacteristic ORT_API_CALL op_required(const OrtCustomOp* op, size_t index);

/* "HardSwish" in the standard domain: a uint8 table lookup (u8lookup.c). */
void hard_swish_op_init(const OrtApi* api, OrtCustomOp* op);

/* "CtcHead" in ai.ragplatform.ocr: the recogniser's CTC head and best-class search (ctchead.c). */
void ctc_head_op_init(const OrtApi* api, OrtCustomOp* op);

#endif
