-- Functional subjects (功能分类科目: what the money is for) seen in the documents, with their
-- hierarchy by code and the name most documents print for them.
{{ subject_dimension('function') }}
