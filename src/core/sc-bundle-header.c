/* sc-bundle-header.c: the bundle's header, who sent it and to whom
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   <bundle xmlns="urn:scrutineer:bundle:1" id="…" kind="member"
 *           created="2026-03-02T10:00:00Z" inspection="…"
 *           compressed-length="00000000000000012345">
 *     <sender device="…" sign-key="base64"/>
 *     <recipient device="…" sealed-key="base64"/>   (one per recipient)
 *     <stream header="base64"/>
 *   </bundle>
 *
 * No names, no references: ids, keys and sizes only. The header is read
 * before the signature is checked (it names the key), so it is parsed with
 * the safe reader from at most SC_BUNDLE_MAX_HEADER bytes and trusted only
 * once the signature holds.
 */
#include "sc-bundle-private.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "sc-safe-xml.h"

static void
slot_free (gpointer data)
{
  ScBundleSlot *slot = data;

  g_free (slot->device);
  g_free (slot);
}

ScBundleHeader *
sc_bundle_header_new (void)
{
  ScBundleHeader *header = g_new0 (ScBundleHeader, 1);

  header->slots = g_ptr_array_new_with_free_func (slot_free);
  return header;
}

void
sc_bundle_header_free (ScBundleHeader *header)
{
  if (header == NULL)
    return;
  g_free (header->id);
  g_free (header->created);
  g_free (header->inspection);
  g_free (header->sender);
  g_ptr_array_unref (header->slots);
  g_free (header);
}

const ScBundleSlot *
sc_bundle_header_find_slot (const ScBundleHeader *header,
                            const char           *device)
{
  for (guint i = 0; i < header->slots->len; i++)
    {
      const ScBundleSlot *slot = g_ptr_array_index (header->slots, i);

      if (g_ascii_strcasecmp (slot->device, device) == 0)
        return slot;
    }
  return NULL;
}

/* Writing */

static char *
to_base64 (const guint8 *data,
           gsize         len)
{
  gsize size = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);

  return sodium_bin2base64 (g_malloc (size), size, data, len, sodium_base64_VARIANT_ORIGINAL);
}

static gboolean
write_attribute (xmlTextWriterPtr writer,
                 const char      *name,
                 const char      *value)
{
  return xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST value) >= 0;
}

static gboolean
write_key_element (xmlTextWriterPtr writer,
                   const char      *element,
                   const char      *device,
                   const char      *key_name,
                   const guint8    *key,
                   gsize            key_len)
{
  g_autofree char *text = to_base64 (key, key_len);

  return xmlTextWriterStartElement (writer, BAD_CAST element) >= 0 &&
         (device == NULL || write_attribute (writer, "device", device)) &&
         write_attribute (writer, key_name, text) && xmlTextWriterEndElement (writer) >= 0;
}

static gboolean
write_header (xmlTextWriterPtr      writer,
              const ScBundleHeader *header)
{
  char length[32];
  gboolean ok;

  g_snprintf (length, sizeof length, "%020" G_GUINT64_FORMAT, header->compressed_length);
  ok = xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL) >= 0 &&
       xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "bundle", BAD_CAST SC_BUNDLE_NS) >= 0 &&
       write_attribute (writer, "id", header->id) &&
       write_attribute (writer, "kind", sc_bundle_kind_to_string (header->kind)) &&
       write_attribute (writer, "created", header->created) &&
       write_attribute (writer, "inspection", header->inspection) &&
       write_attribute (writer, "compressed-length", length) &&
       write_key_element (writer, "sender", header->sender, "sign-key", header->sender_key,
                          sizeof header->sender_key);
  for (guint i = 0; ok && i < header->slots->len; i++)
    {
      const ScBundleSlot *slot = g_ptr_array_index (header->slots, i);

      ok = write_key_element (writer, "recipient", slot->device, "sealed-key", slot->sealed_key,
                              sizeof slot->sealed_key);
    }
  return ok &&
         write_key_element (writer, "stream", NULL, "header", header->stream_header,
                            sizeof header->stream_header) &&
         xmlTextWriterEndDocument (writer) >= 0;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)

GBytes *
sc_bundle_header_to_xml (const ScBundleHeader *header)
{
  g_autoptr (xmlBuffer) buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  gboolean ok;

  if (writer == NULL)
    return NULL;
  xmlTextWriterSetIndent (writer, 1);
  ok = write_header (writer, header);
  xmlFreeTextWriter (writer);
  if (!ok)
    return NULL;
  return g_bytes_new (xmlBufferContent (buffer), (gsize) xmlBufferLength (buffer));
}

/* Reading */

G_GNUC_PRINTF (2, 3)
static gboolean
bad_header (GError    **error,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_HEADER,
               _("Header check failed: %s; the bundle is damaged or was not made by "
                 "Scrutineer"),
               message);
  return FALSE;
}

static gboolean
decode_key (const char *text,
            guint8     *key,
            gsize       len)
{
  gsize got = 0;

  return text != NULL &&
         sodium_base642bin (key, len, text, strlen (text), NULL, &got, NULL,
                            sodium_base64_VARIANT_ORIGINAL) == 0 &&
         got == len;
}

static gboolean
read_root_attributes (ScSafeXmlReader *xml,
                      ScBundleHeader  *header,
                      GError         **error)
{
  g_autofree char *kind = sc_safe_xml_attribute (xml, "kind");
  g_autofree char *length = sc_safe_xml_attribute (xml, "compressed-length");

  header->id = sc_safe_xml_attribute (xml, "id");
  header->created = sc_safe_xml_attribute (xml, "created");
  header->inspection = sc_safe_xml_attribute (xml, "inspection");
  if (header->id == NULL || !g_uuid_string_is_valid (header->id))
    return bad_header (error, _("the bundle id is missing or ill-formed"));
  if (header->inspection == NULL || !g_uuid_string_is_valid (header->inspection))
    return bad_header (error, _("the inspection id is missing or ill-formed"));
  if (header->created == NULL)
    return bad_header (error, _("the creation time is missing"));
  if (kind == NULL || !sc_bundle_kind_from_string (kind, &header->kind))
    return bad_header (error, _("the kind of bundle is missing or unknown"));
  if (length == NULL || !g_ascii_isdigit (*length) ||
      !g_ascii_string_to_unsigned (length, 10, 0, SC_BUNDLE_MAX_FILE, &header->compressed_length,
                                   NULL))
    return bad_header (error, _("the compressed length is missing or out of range"));
  return TRUE;
}

static gboolean
read_sender (ScSafeXmlReader *xml,
             ScBundleHeader  *header,
             GError         **error)
{
  g_autofree char *key = sc_safe_xml_attribute (xml, "sign-key");

  if (header->sender != NULL)
    return bad_header (error, _("it names two senders"));
  header->sender = sc_safe_xml_attribute (xml, "device");
  if (header->sender == NULL || !g_uuid_string_is_valid (header->sender))
    return bad_header (error, _("the sender's device id is missing or ill-formed"));
  if (!decode_key (key, header->sender_key, sizeof header->sender_key))
    return bad_header (error, _("the sender's signing key is missing or damaged"));
  return TRUE;
}

static gboolean
read_recipient (ScSafeXmlReader *xml,
                ScBundleHeader  *header,
                GError         **error)
{
  g_autofree char *key = sc_safe_xml_attribute (xml, "sealed-key");
  ScBundleSlot *slot = g_new0 (ScBundleSlot, 1);

  g_ptr_array_add (header->slots, slot);
  if (header->slots->len > SC_BUNDLE_MAX_RECIPIENTS)
    return bad_header (error, _("it has too many recipients"));
  slot->device = sc_safe_xml_attribute (xml, "device");
  if (slot->device == NULL || !g_uuid_string_is_valid (slot->device))
    return bad_header (error, _("a recipient's device id is missing or ill-formed"));
  if (!decode_key (key, slot->sealed_key, sizeof slot->sealed_key))
    return bad_header (error, _("a recipient's sealed key is missing or damaged"));
  return TRUE;
}

static gboolean
read_stream (ScSafeXmlReader *xml,
             ScBundleHeader  *header,
             gboolean        *seen,
             GError         **error)
{
  g_autofree char *text = sc_safe_xml_attribute (xml, "header");

  if (*seen)
    return bad_header (error, _("it has two stream headers"));
  *seen = TRUE;
  if (!decode_key (text, header->stream_header, sizeof header->stream_header))
    return bad_header (error, _("the stream header is missing or damaged"));
  return TRUE;
}

static gboolean
read_child (ScSafeXmlReader *xml,
            ScBundleHeader  *header,
            gboolean        *stream_seen,
            GError         **error)
{
  if (xmlTextReaderDepth (sc_safe_xml_reader_get (xml)) != 1)
    return bad_header (error, _("it has unexpected nested elements"));
  if (sc_safe_xml_is_element (xml, SC_BUNDLE_NS, "sender"))
    return read_sender (xml, header, error);
  if (sc_safe_xml_is_element (xml, SC_BUNDLE_NS, "recipient"))
    return read_recipient (xml, header, error);
  if (sc_safe_xml_is_element (xml, SC_BUNDLE_NS, "stream"))
    return read_stream (xml, header, stream_seen, error);
  return bad_header (error, _("it has an unknown element"));
}

static gboolean
read_document (ScSafeXmlReader *xml,
               ScBundleHeader  *header,
               GError         **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean stream_seen = FALSE;
  int rc = sc_safe_xml_reader_next (xml, &local_error);

  if (rc > 0 && !sc_safe_xml_is_element (xml, SC_BUNDLE_NS, "bundle"))
    return bad_header (error, _("it is not a bundle header (urn:scrutineer:bundle:1)"));
  if (rc > 0 && !read_root_attributes (xml, header, error))
    return FALSE;
  while (rc > 0)
    {
      rc = sc_safe_xml_reader_next (xml, &local_error);
      if (rc > 0 &&
          xmlTextReaderNodeType (sc_safe_xml_reader_get (xml)) == XML_READER_TYPE_ELEMENT &&
          !read_child (xml, header, &stream_seen, error))
        return FALSE;
    }
  if (rc < 0)
    return bad_header (error, "%s", local_error->message);
  if (header->sender == NULL || header->slots->len == 0 || !stream_seen)
    return bad_header (error, _("the sender, the recipients or the stream header is missing"));
  return TRUE;
}

ScBundleHeader *
sc_bundle_header_parse (const char *data,
                        gsize       len,
                        GError    **error)
{
  g_autoptr (ScSafeXmlReader) xml = sc_safe_xml_reader_new_for_memory (data, len);
  g_autoptr (ScBundleHeader) header = sc_bundle_header_new ();

  if (!read_document (xml, header, error))
    return NULL;
  return g_steal_pointer (&header);
}
