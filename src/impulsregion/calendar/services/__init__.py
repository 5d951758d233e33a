"""Every calendar write that is more than one save(): imports, moderation, duplicates."""
