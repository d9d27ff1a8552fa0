"""Write stage: rendered files -> the output folder, never leaving a half-written site."""
