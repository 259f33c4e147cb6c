"""Workbooks, Word files and web pages written at test time, benign and hostile."""
