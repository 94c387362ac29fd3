/* sc-safe-xml.c: reading XML that comes from outside, safely and in bounded memory
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-safe-xml.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

G_DEFINE_QUARK (sc-safe-xml-error-quark, sc_safe_xml_error)

/* No network, no entity substitution, no DTD loading, no XInclude, and the
 * document is UTF-8 whatever its declaration says (an encoding such as UTF-7
 * could otherwise smuggle "<!" past the byte filter). */
#define SAFE_OPTIONS \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC)

struct _ScSafeXmlReader
{
  xmlTextReaderPtr reader;
  ScSafeXmlReadFunc read;
  gpointer user_data;
  const char *memory; /* for the memory variant */
  gsize memory_len;
  gsize memory_pos;
  gboolean started;
  gboolean after_lt;
  GError *read_error; /* from READ, reported as it is */
  GError *refusal;    /* a forbidden construct, seen in the bytes */
  char *parse_error;  /* libxml2's first error, with its line */
  guint parse_line;
};

static xmlParserInputPtr
deny_external (const char      *url,
               const char      *id,
               xmlParserCtxtPtr ctxt)
{
  return NULL;
}

static void
install_guard (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (deny_external);
      g_once_init_leave (&done, 1);
    }
}

static void
refuse (ScSafeXmlReader *self,
        const char      *message)
{
  if (self->refusal == NULL)
    self->refusal = g_error_new_literal (SC_SAFE_XML_ERROR, SC_SAFE_XML_ERROR_FORBIDDEN,
                                         message);
}

/* Looks at every byte before libxml2 does: "<!" starts every declaration,
 * comment and CDATA section; NUL never belongs in UTF-8 XML (and is how
 * UTF-16 and UTF-32 would show); the first byte must be '<' or a UTF-8 BOM. */
static gboolean
filter_bytes (ScSafeXmlReader *self,
              const char      *buffer,
              gsize            len)
{
  if (!self->started && len > 0)
    {
      self->started = TRUE;
      if (buffer[0] != '<' && (guchar) buffer[0] != 0xef)
        {
          refuse (self, _("this is not an XML document in UTF-8"));
          return FALSE;
        }
    }
  for (gsize i = 0; i < len; i++)
    {
      if (buffer[i] == '\0')
        {
          refuse (self, _("the document contains NUL bytes; it must be UTF-8 text"));
          return FALSE;
        }
      if (self->after_lt && buffer[i] == '!')
        {
          refuse (self, _("document type declarations, entities, comments and CDATA "
                          "sections are not allowed"));
          return FALSE;
        }
      self->after_lt = buffer[i] == '<';
    }
  return TRUE;
}

static int
io_read (void *context,
         char *buffer,
         int   len)
{
  ScSafeXmlReader *self = context;
  gssize got;

  if (self->read_error != NULL || self->refusal != NULL || len <= 0)
    return -1;
  got = self->read (self->user_data, buffer, (gsize) len, &self->read_error);
  if (got < 0)
    {
      if (self->read_error == NULL)
        self->read_error = g_error_new_literal (SC_SAFE_XML_ERROR, SC_SAFE_XML_ERROR_MALFORMED,
                                                _("the document could not be read"));
      return -1;
    }
  if (!filter_bytes (self, buffer, (gsize) got))
    return -1;
  return (int) got;
}

static int
io_close (void *context)
{
  return 0;
}

static gssize
read_memory (gpointer  user_data,
             char     *buffer,
             gsize     len,
             GError  **error)
{
  ScSafeXmlReader *self = user_data;
  gsize n = MIN (len, self->memory_len - self->memory_pos);

  memcpy (buffer, self->memory + self->memory_pos, n);
  self->memory_pos += n;
  return (gssize) n;
}

static void
on_error (void       *user_data,
          xmlErrorPtr error)
{
  ScSafeXmlReader *self = user_data;

  if (self->parse_error != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  /* libxml2's messages may span lines; errors here are one line each. */
  self->parse_error = g_strstrip (g_strdelimit (g_strdup (error->message != NULL ? error->message
                                                                                 : ""),
                                                "\r\n", ' '));
  self->parse_line = error->line > 0 ? (guint) error->line : 0;
}

ScSafeXmlReader *
sc_safe_xml_reader_new (ScSafeXmlReadFunc read,
                        gpointer          user_data)
{
  ScSafeXmlReader *self = g_new0 (ScSafeXmlReader, 1);

  install_guard ();
  self->read = read;
  self->user_data = user_data;
  /* The reader reads the first bytes at once; a failure then is reported by
   * the first sc_safe_xml_reader_next(). */
  self->reader = xmlReaderForIO (io_read, io_close, self, NULL, "UTF-8", SAFE_OPTIONS);
  if (self->reader != NULL)
    xmlTextReaderSetStructuredErrorHandler (self->reader, on_error, self);
  return self;
}

ScSafeXmlReader *
sc_safe_xml_reader_new_for_memory (const char *data,
                                   gsize       len)
{
  ScSafeXmlReader *self;

  /* The reader's I/O callback is given our own struct, filled in below. */
  self = g_new0 (ScSafeXmlReader, 1);
  install_guard ();
  self->read = read_memory;
  self->user_data = self;
  self->memory = data;
  self->memory_len = len;
  self->reader = xmlReaderForIO (io_read, io_close, self, NULL, "UTF-8", SAFE_OPTIONS);
  if (self->reader != NULL)
    xmlTextReaderSetStructuredErrorHandler (self->reader, on_error, self);
  return self;
}

void
sc_safe_xml_reader_free (ScSafeXmlReader *self)
{
  if (self == NULL)
    return;
  if (self->reader != NULL)
    xmlFreeTextReader (self->reader);
  g_clear_error (&self->read_error);
  g_clear_error (&self->refusal);
  g_free (self->parse_error);
  g_free (self);
}

xmlTextReaderPtr
sc_safe_xml_reader_get (ScSafeXmlReader *self)
{
  return self->reader;
}

/* The cause comes first: a failed read (say, a chunk that does not
 * authenticate) explains the parse error that follows it. */
static int
report (ScSafeXmlReader *self,
        GError         **error)
{
  if (self->read_error != NULL)
    g_propagate_error (error, g_error_copy (self->read_error));
  else if (self->refusal != NULL)
    g_propagate_error (error, g_error_copy (self->refusal));
  else if (self->parse_error != NULL && self->parse_line > 0)
    g_set_error (error, SC_SAFE_XML_ERROR, SC_SAFE_XML_ERROR_MALFORMED,
                 _("line %u: %s"), self->parse_line, self->parse_error);
  else if (self->parse_error != NULL)
    g_set_error_literal (error, SC_SAFE_XML_ERROR, SC_SAFE_XML_ERROR_MALFORMED,
                         self->parse_error);
  else
    g_set_error_literal (error, SC_SAFE_XML_ERROR, SC_SAFE_XML_ERROR_MALFORMED,
                         _("this is not well-formed XML"));
  return -1;
}

int
sc_safe_xml_reader_next (ScSafeXmlReader *self,
                         GError         **error)
{
  int rc;

  if (self->reader == NULL)
    return report (self, error);
  rc = xmlTextReaderRead (self->reader);
  if (rc < 0 || self->read_error != NULL || self->refusal != NULL || self->parse_error != NULL)
    return report (self, error);
  if (rc == 0)
    return 0;
  switch (xmlTextReaderNodeType (self->reader))
    {
    case XML_READER_TYPE_ELEMENT:
    case XML_READER_TYPE_END_ELEMENT:
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      return 1;
    default:
      refuse (self, _("entities, comments and processing instructions are not allowed"));
      return report (self, error);
    }
}

gboolean
sc_safe_xml_is_element (ScSafeXmlReader *self,
                        const char      *ns,
                        const char      *name)
{
  const xmlChar *uri;

  if (xmlTextReaderNodeType (self->reader) != XML_READER_TYPE_ELEMENT)
    return FALSE;
  uri = xmlTextReaderConstNamespaceUri (self->reader);
  return g_strcmp0 ((const char *) uri, ns) == 0 &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (self->reader), name) == 0;
}

gboolean
sc_safe_xml_is_end (ScSafeXmlReader *self)
{
  return xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_END_ELEMENT;
}

gboolean
sc_safe_xml_is_text (ScSafeXmlReader *self)
{
  int type = xmlTextReaderNodeType (self->reader);

  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_WHITESPACE ||
         type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

const char *
sc_safe_xml_value (ScSafeXmlReader *self)
{
  return (const char *) xmlTextReaderConstValue (self->reader);
}

char *
sc_safe_xml_attribute (ScSafeXmlReader *self,
                       const char      *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (self->reader, BAD_CAST name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

guint
sc_safe_xml_line (ScSafeXmlReader *self)
{
  int line = self->reader != NULL ? xmlTextReaderGetParserLineNumber (self->reader) : 0;

  return line > 0 ? (guint) line : 0;
}
