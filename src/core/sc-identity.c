/* sc-identity.c: identity cards, enrolment and revocation
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-identity.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <sodium.h>
#include <string.h>

#include "sc-bundle-private.h"
#include "sc-model.h"
#include "sc-safe-xml.h"

#define IDENTITY_NS "urn:scrutineer:identity:1"
#define MAX_NAME 200
/* As for rows (sc-rows.h): a revision cannot push the clock near overflow. */
#define MAX_REV (G_GUINT64_CONSTANT (1) << 53)

G_DEFINE_QUARK (sc-identity-error-quark, sc_identity_error)

void
sc_identity_free (ScIdentity *identity)
{
  if (identity == NULL)
    return;
  g_free (identity->device_id);
  g_free (identity->member_id);
  g_free (identity->name);
  g_free (identity->role);
  g_free (identity);
}

gboolean
sc_identity_role_is_valid (const char *role)
{
  return g_strcmp0 (role, "central") == 0 || sc_member_role_is_valid (role);
}

char *
sc_identity_fingerprint (const ScIdentity *identity)
{
  guint8 hash[crypto_generichash_BYTES];
  guint32 groups[4];
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  crypto_generichash_update (&state, identity->sign_key, sizeof identity->sign_key);
  crypto_generichash_update (&state, identity->box_key, sizeof identity->box_key);
  crypto_generichash_final (&state, hash, sizeof hash);
  /* 80 bits: four 20-bit numbers, big-endian, each read as five digits. */
  for (guint i = 0; i < 4; i++)
    {
      guint bit = i * 20;
      guint32 window = ((guint32) hash[bit / 8] << 16) | ((guint32) hash[bit / 8 + 1] << 8) |
                       hash[bit / 8 + 2];

      groups[i] = ((bit % 8 == 0 ? window >> 4 : window) & 0xfffff) % 100000;
    }
  return g_strdup_printf ("%05u %05u %05u %05u", groups[0], groups[1], groups[2], groups[3]);
}

/* Writing a card */

static char *
to_base64 (const guint8 *data,
           gsize         len)
{
  gsize size = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  return sodium_bin2base64 (text, size, data, len, sodium_base64_VARIANT_ORIGINAL);
}

static gboolean
write_element (xmlTextWriterPtr writer,
               const char      *name,
               const char      *text)
{
  return xmlTextWriterWriteElement (writer, BAD_CAST name, BAD_CAST text) >= 0;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)

char *
sc_identity_to_xml (const ScIdentity *identity,
                    gsize            *len)
{
  g_autoptr (xmlBuffer) buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  g_autofree char *sign = to_base64 (identity->sign_key, sizeof identity->sign_key);
  g_autofree char *box = to_base64 (identity->box_key, sizeof identity->box_key);
  g_autofree char *fingerprint = sc_identity_fingerprint (identity);
  g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, identity->member_rev);
  gboolean ok;

  if (writer == NULL)
    return NULL;
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  ok = xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL) >= 0 &&
       xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "identity", BAD_CAST IDENTITY_NS) >= 0 &&
       write_element (writer, "device", identity->device_id);
  if (ok && identity->member_id != NULL)
    ok = xmlTextWriterStartElement (writer, BAD_CAST "member") >= 0 &&
         xmlTextWriterWriteAttribute (writer, BAD_CAST "rev", BAD_CAST rev) >= 0 &&
         xmlTextWriterWriteString (writer, BAD_CAST identity->member_id) >= 0 &&
         xmlTextWriterEndElement (writer) >= 0;
  ok = ok && write_element (writer, "name", identity->name) &&
       write_element (writer, "role", identity->role) && write_element (writer, "sign-key", sign) &&
       write_element (writer, "box-key", box) &&
       write_element (writer, "fingerprint", fingerprint) &&
       xmlTextWriterEndDocument (writer) >= 0;
  xmlFreeTextWriter (writer);
  if (!ok)
    return NULL;
  *len = (gsize) xmlBufferLength (buffer);
  return g_strndup ((const char *) xmlBufferContent (buffer), *len);
}

gboolean
sc_identity_save (const ScIdentity *identity,
                  const char       *path,
                  GError          **error)
{
  gsize len = 0;
  g_autofree char *xml = sc_identity_to_xml (identity, &len);

  if (xml == NULL)
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_FAILED,
                   _("The identity card could not be written"));
      return FALSE;
    }
  return g_file_set_contents_full (path, xml, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* Reading a card */

typedef struct
{
  char *device;
  char *member;
  char *member_rev;
  char *name;
  char *role;
  char *sign_key;
  char *box_key;
  char *fingerprint;
} CardFields;

static void
card_fields_clear (CardFields *fields)
{
  g_free (fields->device);
  g_free (fields->member);
  g_free (fields->member_rev);
  g_free (fields->name);
  g_free (fields->role);
  g_free (fields->sign_key);
  g_free (fields->box_key);
  g_free (fields->fingerprint);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CardFields, card_fields_clear)

static gboolean
malformed (GError    **error,
           const char *detail)
{
  g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_MALFORMED,
               _("This is not a readable identity card: %s. Ask for the card again."), detail);
  return FALSE;
}

static char **
field_slot (CardFields *fields,
            const char *name)
{
  if (g_str_equal (name, "device"))
    return &fields->device;
  if (g_str_equal (name, "member"))
    return &fields->member;
  if (g_str_equal (name, "name"))
    return &fields->name;
  if (g_str_equal (name, "role"))
    return &fields->role;
  if (g_str_equal (name, "sign-key"))
    return &fields->sign_key;
  if (g_str_equal (name, "box-key"))
    return &fields->box_key;
  if (g_str_equal (name, "fingerprint"))
    return &fields->fingerprint;
  return NULL;
}

/* Reads the text of the current element up to its end. */
static char *
element_text (ScSafeXmlReader *xml,
              GError         **error)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (xmlTextReaderIsEmptyElement (sc_safe_xml_reader_get (xml)))
    return g_strdup ("");
  for (;;)
    {
      int rc = sc_safe_xml_reader_next (xml, error);

      if (rc <= 0)
        {
          if (rc == 0)
            malformed (error, _("it ends too early"));
          return NULL;
        }
      if (sc_safe_xml_is_end (xml))
        return g_string_free (g_steal_pointer (&text), FALSE);
      if (!sc_safe_xml_is_text (xml))
        {
          malformed (error, _("an element holds another element"));
          return NULL;
        }
      g_string_append (text, sc_safe_xml_value (xml));
    }
}

static gboolean
read_field (ScSafeXmlReader *xml,
            CardFields      *fields,
            GError         **error)
{
  xmlTextReaderPtr reader = sc_safe_xml_reader_get (xml);
  const char *name = (const char *) xmlTextReaderConstLocalName (reader);
  char **slot = field_slot (fields, name);
  g_autofree char *text = NULL;

  if (slot == NULL || !sc_safe_xml_is_element (xml, IDENTITY_NS, name))
    return malformed (error, _("it has an unknown element"));
  if (*slot != NULL)
    return malformed (error, _("an element is given twice"));
  if (slot == &fields->member)
    fields->member_rev = sc_safe_xml_attribute (xml, "rev");
  text = element_text (xml, error);
  if (text == NULL)
    return FALSE;
  *slot = g_strstrip (g_steal_pointer (&text));
  return TRUE;
}

static gboolean
read_fields (const char *data,
             gsize       len,
             CardFields *fields,
             GError    **error)
{
  g_autoptr (ScSafeXmlReader) xml = sc_safe_xml_reader_new_for_memory (data, len);
  g_autoptr (GError) local_error = NULL;
  int rc = sc_safe_xml_reader_next (xml, &local_error);

  if (rc > 0 && !sc_safe_xml_is_element (xml, IDENTITY_NS, "identity"))
    return malformed (error, _("it is not an identity card (urn:scrutineer:identity:1)"));
  while (rc > 0)
    {
      rc = sc_safe_xml_reader_next (xml, &local_error);
      if (rc <= 0 || (sc_safe_xml_is_end (xml) &&
                      xmlTextReaderDepth (sc_safe_xml_reader_get (xml)) == 0))
        break;
      if (sc_safe_xml_is_text (xml))
        continue;
      if (!read_field (xml, fields, &local_error))
        rc = -1;
    }
  if (rc > 0)
    rc = sc_safe_xml_reader_next (xml, &local_error) == 0 ? 0 : -1;
  if (rc < 0 && local_error != NULL && local_error->domain == SC_IDENTITY_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (rc < 0)
    return malformed (error, local_error != NULL ? local_error->message : _("it is not XML"));
  return TRUE;
}

static gboolean
decode_key (const char *text,
            guint8     *key)
{
  gsize len = 0;

  return text != NULL &&
         sodium_base642bin (key, SC_IDENTITY_KEY_BYTES, text, strlen (text), " \t\r\n", &len,
                            NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
         len == SC_IDENTITY_KEY_BYTES;
}

static gboolean
fill_identity (ScIdentity *identity,
               CardFields *fields,
               GError    **error)
{
  guint64 rev = 0;

  if (fields->device == NULL || !g_uuid_string_is_valid (fields->device))
    return malformed (error, _("its device id is missing or ill-formed"));
  if (fields->member != NULL &&
      (!g_uuid_string_is_valid (fields->member) || fields->member_rev == NULL ||
       !g_ascii_string_to_unsigned (fields->member_rev, 10, 1, MAX_REV, &rev, NULL)))
    return malformed (error, _("its member id or revision is ill-formed"));
  if (fields->name == NULL || *fields->name == '\0' || g_utf8_strlen (fields->name, -1) > MAX_NAME)
    return malformed (error, _("its name is missing or too long"));
  if (fields->role == NULL || *fields->role == '\0')
    return malformed (error, _("its role is missing"));
  if (!decode_key (fields->sign_key, identity->sign_key) ||
      !decode_key (fields->box_key, identity->box_key))
    return malformed (error, _("its keys are missing or damaged"));
  identity->device_id = g_ascii_strdown (fields->device, -1);
  identity->member_id = fields->member != NULL ? g_ascii_strdown (fields->member, -1) : NULL;
  identity->member_rev = (gint64) rev;
  identity->name = g_steal_pointer (&fields->name);
  identity->role = g_steal_pointer (&fields->role);
  return TRUE;
}

ScIdentity *
sc_identity_parse (const char *data,
                   gsize       len,
                   GError    **error)
{
  g_auto (CardFields) fields = { NULL };
  g_autoptr (ScIdentity) identity = g_new0 (ScIdentity, 1);
  g_autofree char *fingerprint = NULL;

  if (len > SC_IDENTITY_MAX_CARD)
    {
      malformed (error, _("it is far too large"));
      return NULL;
    }
  if (!read_fields (data, len, &fields, error) || !fill_identity (identity, &fields, error))
    return NULL;
  fingerprint = sc_identity_fingerprint (identity);
  if (fields.fingerprint != NULL && !g_str_equal (fields.fingerprint, fingerprint))
    {
      malformed (error, _("its fingerprint does not match its keys"));
      return NULL;
    }
  return g_steal_pointer (&identity);
}

ScIdentity *
sc_identity_load (const char *path,
                  GError    **error)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, error);

  if (file == NULL)
    return NULL;
  return sc_identity_parse (g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                            error);
}

/* Devices in the store */

void
sc_device_clear (ScDevice *device)
{
  g_clear_pointer (&device->role, g_free);
}

gboolean
sc_store_lookup_device (ScStore    *store,
                        const char *device,
                        ScDevice   *out,
                        gboolean   *found,
                        GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "SELECT sign_key, box_key, role, revoked, enrolled FROM device WHERE id = ?", error);
  int rc;

  memset (out, 0, sizeof *out);
  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, device);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == sizeof out->sign_key &&
      sqlite3_column_bytes (stmt, 1) == sizeof out->box_key)
    {
      *found = TRUE;
      memcpy (out->sign_key, sqlite3_column_blob (stmt, 0), sizeof out->sign_key);
      memcpy (out->box_key, sqlite3_column_blob (stmt, 1), sizeof out->box_key);
      out->role = sc_column_dup (stmt, 2);
      out->revoked = sqlite3_column_int (stmt, 3) != 0;
      out->enrolled = sqlite3_column_int (stmt, 4) != 0 ||
                      g_strcmp0 (device, sc_store_get_device_id (store)) == 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sc_store_fail (store, rc, error);
  return TRUE;
}

static ScSecret *
load_secret (ScStore    *store,
             const char *sql,
             gsize       len,
             GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, sql, error);
  ScSecret *secret = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, sc_store_get_device_id (store));
  if (sqlite3_step (stmt) == SQLITE_ROW && (gsize) sqlite3_column_bytes (stmt, 0) == len)
    {
      secret = sc_secret_new (len);
      memcpy (secret->data, sqlite3_column_blob (stmt, 0), len);
    }
  sqlite3_reset (stmt);
  if (secret == NULL)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                 _("This store's device keys are missing or damaged; restore it from a backup"));
  return secret;
}

ScSecret *
sc_store_load_sign_secret (ScStore *store,
                           GError **error)
{
  return load_secret (store, "SELECT sign_secret FROM local_key WHERE device = ?",
                      crypto_sign_SECRETKEYBYTES, error);
}

ScSecret *
sc_store_load_box_secret (ScStore *store,
                          GError **error)
{
  return load_secret (store, "SELECT box_secret FROM local_key WHERE device = ?",
                      crypto_box_SECRETKEYBYTES, error);
}

ScIdentity *
sc_store_get_identity (ScStore *store,
                       GError **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT d.sign_key, d.box_key, m.name, m.role, m.rev FROM device d, member m"
    " WHERE d.id = ? AND m.id = ?",
    error);
  g_autoptr (ScIdentity) identity = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, sc_store_get_device_id (store));
  sc_bind_text (stmt, 2, sc_store_get_owner_id (store));
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_bytes (stmt, 0) == SC_IDENTITY_KEY_BYTES &&
      sqlite3_column_bytes (stmt, 1) == SC_IDENTITY_KEY_BYTES)
    {
      identity = g_new0 (ScIdentity, 1);
      memcpy (identity->sign_key, sqlite3_column_blob (stmt, 0), SC_IDENTITY_KEY_BYTES);
      memcpy (identity->box_key, sqlite3_column_blob (stmt, 1), SC_IDENTITY_KEY_BYTES);
      identity->name = sc_column_dup (stmt, 2);
      identity->role = sc_column_dup (stmt, 3);
      identity->member_rev = sqlite3_column_int64 (stmt, 4);
      identity->device_id = g_strdup (sc_store_get_device_id (store));
      identity->member_id = g_strdup (sc_store_get_owner_id (store));
    }
  sqlite3_reset (stmt);
  if (identity == NULL)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                 _("This store's device identity is missing or damaged; restore it from a "
                   "backup"));
  return g_steal_pointer (&identity);
}

/* Enrolment */

static gboolean
same_keys (const ScDevice   *device,
           const ScIdentity *card)
{
  return sodium_memcmp (device->sign_key, card->sign_key, sizeof device->sign_key) == 0 &&
         sodium_memcmp (device->box_key, card->box_key, sizeof device->box_key) == 0;
}

static gboolean
check_enrolment (ScStore          *store,
                 const ScIdentity *card,
                 const char       *role,
                 gboolean         *known,
                 GError          **error)
{
  ScDevice device;
  gboolean ok;

  if (!sc_identity_role_is_valid (role))
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_ROLE,
                   _("“%s” is not a role to enrol a device in; use lead, deputy, inspector, "
                     "associate, volunteer, support or central"),
                   role != NULL ? role : "");
      return FALSE;
    }
  if (g_str_equal (card->device_id, sc_store_get_device_id (store)))
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_SELF,
                   _("This is this device's own identity card; enrol the cards of the other "
                     "members of the team"));
      return FALSE;
    }
  if (!sc_store_lookup_device (store, card->device_id, &device, known, error))
    return FALSE;
  ok = TRUE;
  if (*known && !same_keys (&device, card))
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_KEYS_DIFFER,
                   _("The device %s is already known here with different keys, so this card "
                     "was refused: it may be forged. Compare the fingerprint aloud with the "
                     "card's owner; if their device was reset, revoke the old one and ask "
                     "for a new card."),
                   card->device_id);
      ok = FALSE;
    }
  else if (*known && device.revoked)
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_REVOKED,
                   _("The device %s was revoked on this store and cannot be enrolled again; "
                     "its owner needs a new store and a new card"),
                   card->device_id);
      ok = FALSE;
    }
  sc_device_clear (&device);
  return ok;
}

static gboolean
put_device (ScStore          *store,
            const ScIdentity *card,
            const char       *role,
            gboolean          known,
            GError          **error)
{
  sqlite3_stmt *stmt;

  if (known)
    stmt = sc_store_prepare (store,
                             "UPDATE device SET name = ?2, role = ?3, enrolled = 1, rev = ?4,"
                             " origin = ?5 WHERE id = ?1",
                             error);
  else
    stmt = sc_store_prepare (store,
                             "INSERT INTO device (id, name, role, rev, origin, sign_key, box_key,"
                             " enrolled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, card->device_id);
  sc_bind_text (stmt, 2, card->name);
  sc_bind_text (stmt, 3, role);
  sqlite3_bind_int64 (stmt, 4, sc_store_tick (store));
  sc_bind_text (stmt, 5, sc_store_get_device_id (store));
  if (!known)
    {
      sqlite3_bind_blob (stmt, 6, card->sign_key, SC_IDENTITY_KEY_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 7, card->box_key, SC_IDENTITY_KEY_BYTES, SQLITE_TRANSIENT);
    }
  return sc_store_step_done (store, stmt, error);
}

/* The member row exactly as its owner wrote it (the card's revision and
 * device as rev and origin, and as base), so the lead's copy and the
 * member's own never conflict. */
static gboolean
put_member (ScStore          *store,
            const ScIdentity *card,
            GError          **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, "SELECT rev, origin FROM member WHERE id = ?",
                                         error);
  gboolean found, newer = TRUE;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, card->member_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      gint64 rev = sqlite3_column_int64 (stmt, 0);
      const char *origin = (const char *) sqlite3_column_text (stmt, 1);

      newer = card->member_rev > rev ||
              (card->member_rev == rev && g_strcmp0 (card->device_id, origin) > 0);
    }
  sqlite3_reset (stmt);
  if (!newer)
    return TRUE;
  stmt = sc_store_prepare (store,
                           found ? "UPDATE member SET rev = ?2, origin = ?3, name = ?4, role = ?5,"
                                   " device = ?3, base_rev = ?2, base_origin = ?3, deleted = 0"
                                   " WHERE id = ?1"
                                 : "INSERT INTO member (id, rev, origin, name, role, device,"
                                   " base_rev, base_origin)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?3, ?2, ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, card->member_id);
  sqlite3_bind_int64 (stmt, 2, card->member_rev);
  sc_bind_text (stmt, 3, card->device_id);
  sc_bind_text (stmt, 4, card->name);
  sc_bind_text (stmt, 5, card->role);
  store->clock = MAX (store->clock, card->member_rev);
  return sc_store_step_done (store, stmt, error);
}

gboolean
sc_store_enrol (ScStore          *store,
                const ScIdentity *card,
                const char       *role,
                gboolean         *updated,
                GError          **error)
{
  gboolean known = FALSE;
  gboolean ok;

  if (!check_enrolment (store, card, role, &known, error) || !sc_store_begin (store, error))
    return FALSE;
  ok = put_device (store, card, role, known, error);
  if (ok && card->member_id != NULL && !g_str_equal (role, "central") &&
      sc_member_role_is_valid (card->role))
    ok = put_member (store, card, error);
  ok = ok && sc_store_audit (store, known ? "re-enrol" : "enrol", "device", card->device_id, role,
                             error);
  if (!sc_store_finish (store, ok, error))
    return FALSE;
  if (updated != NULL)
    *updated = known;
  return TRUE;
}

static gboolean
in_team (ScStore    *store,
         const char *inspection,
         const char *member,
         gboolean   *found,
         GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT 1 FROM team_member WHERE inspection = ? AND member = ? AND deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  sc_bind_text (stmt, 2, member);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : sc_store_fail (store, rc, error);
}

gboolean
sc_store_enrol_for_inspection (ScStore          *store,
                               const ScIdentity *card,
                               const char       *role,
                               const char       *inspection,
                               gboolean         *updated,
                               gboolean         *joined,
                               GError          **error)
{
  gboolean found = FALSE;
  gboolean ok;

  if (card->member_id == NULL || !sc_member_role_is_valid (role))
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_ROLE,
                   _("Only a member of the team can join an inspection: enrol %s in a team "
                     "role (lead, deputy, inspector, associate, volunteer or support)"),
                   card->name);
      return FALSE;
    }
  if (!sc_store_begin (store, error))
    return FALSE;
  ok = sc_store_enrol (store, card, role, updated, error) &&
       in_team (store, inspection, card->member_id, &found, error);
  if (ok && !found)
    ok = sc_store_add_team_member (store, inspection, card->member_id, role, error);
  if (!sc_store_finish (store, ok, error))
    return FALSE;
  if (joined != NULL)
    *joined = !found;
  return TRUE;
}

gboolean
sc_store_revoke_device (ScStore    *store,
                        const char *device,
                        GError    **error)
{
  ScDevice found_device;
  gboolean found = FALSE;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (g_strcmp0 (device, sc_store_get_device_id (store)) == 0)
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_SELF,
                   _("A store cannot revoke its own device"));
      return FALSE;
    }
  if (!sc_store_lookup_device (store, device, &found_device, &found, error))
    return FALSE;
  sc_device_clear (&found_device);
  if (!found)
    {
      g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_NOT_FOUND,
                   _("There is no device %s in this store"), device);
      return FALSE;
    }
  if (!sc_store_begin (store, error))
    return FALSE;
  stmt = sc_store_prepare (store, "UPDATE device SET revoked = 1, rev = ?, origin = ? WHERE id = ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, sc_store_tick (store));
      sc_bind_text (stmt, 2, sc_store_get_device_id (store));
      sc_bind_text (stmt, 3, device);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "revoke", "device", device, "", error);
    }
  return sc_store_finish (store, ok, error);
}

gboolean
sc_store_check_recipient (ScStore          *store,
                          const ScIdentity *card,
                          GError          **error)
{
  ScDevice device;
  gboolean found = FALSE;
  gboolean ok;

  if (!sc_store_lookup_device (store, card->device_id, &device, &found, error))
    return FALSE;
  ok = found && device.enrolled && !device.revoked && same_keys (&device, card);
  if (!found || !device.enrolled)
    g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_NOT_ENROLLED,
                 _("%s (device %s) is not enrolled on this device; enrol their card first "
                   "(scrutineer-cli enrol CARD --role ROLE)"),
                 card->name, card->device_id);
  else if (device.revoked)
    g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_REVOKED,
                 _("The device %s of %s was revoked; bundles are no longer sealed to it"),
                 card->device_id, card->name);
  else if (!ok)
    g_set_error (error, SC_IDENTITY_ERROR, SC_IDENTITY_ERROR_KEYS_DIFFER,
                 _("The card of %s has other keys than the device enrolled here as %s; "
                   "nothing was written"),
                 card->name, card->device_id);
  sc_device_clear (&device);
  return ok;
}
