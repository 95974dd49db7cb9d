"""What the model is asked: prompt files rendered and hashed, and the selection prompts' schemas."""
