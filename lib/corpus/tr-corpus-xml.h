/*
 * libtraderules - ToTA XML ingest: the element handlers shared by libxml2's SAX2 callbacks and
 * the fast scanner (corpus-xml.c, corpus-scan.c; not installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_CORPUS_XML_H
#define TR_CORPUS_XML_H

#include "corpus/tr-corpus-private.h"

G_BEGIN_DECLS

/* Elements nested deeper are a TR_ERR_LIMIT error. */
#define TRI_XML_MAX_DEPTH 64

/* The state of one parse (one file, one thread). */
typedef struct tri_xml_sax tri_xml_sax;

/* An element starts: @name NUL-terminated; @attrs holds @nb_attr attributes as libxml2's SAX2
 * gives them, five pointers each (name, prefix, URI, value, end of value; the name
 * NUL-terminated, prefix and URI unused). A schema error sets the parse's error. */
void tri_xml_el_start(tri_xml_sax *s, const char *name, int nb_attr, const char *const *attrs);
/* The innermost open element ends. */
void tri_xml_el_end(tri_xml_sax *s);
/* Character data (already unescaped); kept only inside a metadata field, party or article. */
void tri_xml_el_chars(tri_xml_sax *s, const char *ch, size_t len);
/* The parse has an error (the scanner then gives up). */
gboolean tri_xml_failed(const tri_xml_sax *s);
/* Character data would be kept now. */
gboolean tri_xml_capturing(const tri_xml_sax *s);

/* corpus-scan.c: the fast scanner over @data (valid UTF-8 without NUL, checked by the caller).
 * TRUE: the document is well-formed XML of the accepted subset and the handlers saw it all, as
 * libxml2 would have fed them. FALSE: declined (anything unusual, malformed, or an error set by
 * a handler); the caller discards the partial result and parses with libxml2. Reentrant. */
gboolean tri_xml_scan(tri_xml_sax *s, const char *data, size_t len);

G_END_DECLS

#endif
