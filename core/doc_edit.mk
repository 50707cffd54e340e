# Editing document layers in place (kiln_doc_remove_mentions, kiln/doc.h).
core_libkiln_la_SOURCES += core/doc_edit.c
