"""Results as files: storing and chaining them, drafts of a walk, the walk's model and the
history of many results."""
