"""Figures stated in sentences: totals, changes against last year, 三公, enrollment, standards."""
