"""What a block means: which standard table it belongs to and what its cells say."""
