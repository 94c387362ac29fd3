/* sc-safe-xml.h: reading XML that comes from outside, safely and in bounded memory
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Identity cards, bundle headers and the rows inside bundles are read with
 * libxml2's xmlTextReader, which holds only the current node, under the same
 * rules as frameworks: no network (XML_PARSE_NONET), a deny-all external
 * entity loader, never NOENT, DTDLOAD, HUGE or XINCLUDE. On top of that the
 * bytes are filtered before the parser sees them: any "<!" (a DOCTYPE, an
 * entity declaration, a comment or CDATA) stops the document, so no DTD is
 * ever parsed and no entity can be declared, let alone expanded. Only
 * elements, their ends and text reach the caller.
 */
#pragma once

#include <glib.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

#define SC_SAFE_XML_ERROR (sc_safe_xml_error_quark ())

typedef enum
{
  SC_SAFE_XML_ERROR_MALFORMED, /* not well-formed */
  SC_SAFE_XML_ERROR_FORBIDDEN, /* a DTD, entity, comment, CDATA or processing instruction */
} ScSafeXmlError;

GQuark sc_safe_xml_error_quark (void);

/* Fills BUFFER with up to LEN bytes: returns how many, 0 at the end, or -1
 * with ERROR set (which the reader then reports as it is). */
typedef gssize (*ScSafeXmlReadFunc) (gpointer  user_data,
                                     char     *buffer,
                                     gsize     len,
                                     GError  **error);

typedef struct _ScSafeXmlReader ScSafeXmlReader;

ScSafeXmlReader *sc_safe_xml_reader_new (ScSafeXmlReadFunc read,
                                         gpointer          user_data);
/* DATA must outlive the reader. */
ScSafeXmlReader *sc_safe_xml_reader_new_for_memory (const char *data,
                                                    gsize       len);
void             sc_safe_xml_reader_free (ScSafeXmlReader *self);

/* Moves to the next element, end of element or text. Returns 1 on a node, 0
 * at the end of the document, -1 with ERROR set. */
int              sc_safe_xml_reader_next (ScSafeXmlReader *self,
                                          GError         **error);
xmlTextReaderPtr sc_safe_xml_reader_get (ScSafeXmlReader *self);

/* Helpers on the current node. */
gboolean    sc_safe_xml_is_element (ScSafeXmlReader *self,
                                    const char      *ns,
                                    const char      *name);
gboolean    sc_safe_xml_is_end (ScSafeXmlReader *self);
gboolean    sc_safe_xml_is_text (ScSafeXmlReader *self);
/* Borrowed: valid until the reader moves. */
const char *sc_safe_xml_value (ScSafeXmlReader *self);
/* The current element's attribute NAME (no namespace), or NULL. */
char       *sc_safe_xml_attribute (ScSafeXmlReader *self,
                                   const char      *name);
guint       sc_safe_xml_line (ScSafeXmlReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSafeXmlReader, sc_safe_xml_reader_free)

G_END_DECLS
