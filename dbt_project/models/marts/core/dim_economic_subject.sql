-- Economic subjects (经济分类: what the money is spent on) seen in the documents, with their
-- hierarchy by code and the name most documents print for them.
{{ subject_dimension('economic') }}
