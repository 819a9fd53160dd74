"""The relation model: candidates and inputs shared with training, and the onnxruntime component."""
