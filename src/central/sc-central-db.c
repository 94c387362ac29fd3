/* sc-central-db.c: opening a database by URL, and the checks common to backends
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-central-db.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

G_DEFINE_QUARK (sc-central-error-quark, sc_central_error)

char *
sc_central_now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
sc_central_framework_free (ScCentralFramework *framework)
{
  if (framework == NULL)
    return;
  g_free (framework->sha256);
  g_free (framework->framework_id);
  g_free (framework->version);
  g_free (framework->title);
  g_clear_pointer (&framework->xml, g_bytes_unref);
  g_free (framework);
}

void
sc_central_evaluation_free (ScCentralEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_free (evaluation->indicator);
  g_free (evaluation->author);
  g_free (evaluation);
}

ScCentralTeam *
sc_central_team_new (void)
{
  ScCentralTeam *team = g_new0 (ScCentralTeam, 1);

  team->evaluations = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_central_evaluation_free);
  return team;
}

void
sc_central_team_free (ScCentralTeam *team)
{
  if (team == NULL)
    return;
  g_free (team->inspection);
  g_free (team->lead);
  g_free (team->bundle);
  g_free (team->created);
  sc_central_framework_free (team->framework);
  g_ptr_array_unref (team->evaluations);
  g_free (team);
}

void
sc_central_report_row_free (ScCentralReportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->framework);
  g_free (row->inspection);
  g_free (row->lead);
  g_free (row->indicator);
  g_free (row->author);
  g_free (row->created);
  g_free (row);
}

ScCentralDevice *
sc_central_device_new (void)
{
  return g_new0 (ScCentralDevice, 1);
}

void
sc_central_device_free (ScCentralDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->name);
  g_free (device->role);
  g_free (device);
}

ScCentralBundle *
sc_central_bundle_new (void)
{
  ScCentralBundle *bundle = g_new0 (ScCentralBundle, 1);

  bundle->recipients = g_ptr_array_new_with_free_func (g_free);
  return bundle;
}

void
sc_central_bundle_free (ScCentralBundle *bundle)
{
  if (bundle == NULL)
    return;
  g_free (bundle->id);
  g_free (bundle->kind);
  g_free (bundle->sender);
  g_free (bundle->inspection);
  g_free (bundle->created);
  g_free (bundle->received);
  g_free (bundle->sha256);
  g_ptr_array_unref (bundle->recipients);
  g_free (bundle);
}

void
sc_central_identity_free (ScCentralIdentity *identity)
{
  if (identity == NULL)
    return;
  g_free (identity->id);
  g_free (identity->name);
  sc_secret_free (identity->sign_secret);
  sc_secret_free (identity->box_secret);
  g_free (identity);
}

ScCentralIdentity *
sc_central_identity_generate (void)
{
  ScCentralIdentity *identity = g_new0 (ScCentralIdentity, 1);

  identity->id = g_uuid_string_random ();
  identity->name = g_strdup (_("Central store"));
  identity->sign_secret = sc_secret_new (crypto_sign_SECRETKEYBYTES);
  identity->box_secret = sc_secret_new (crypto_box_SECRETKEYBYTES);
  crypto_sign_keypair (identity->sign_key, identity->sign_secret->data);
  crypto_box_keypair (identity->box_key, identity->box_secret->data);
  return identity;
}

/* Opening */

char *
sc_central_db_default_key_file (const char *path)
{
  return g_strconcat (path, ".key", NULL);
}

static gboolean
ensure_identity (ScCentralDb *self,
                 GError     **error)
{
  g_autoptr (ScCentralIdentity) identity = NULL;
  g_autoptr (ScCentralIdentity) fresh = NULL;

  if (!self->klass->load_identity (self, &identity, error))
    return FALSE;
  if (identity != NULL)
    return TRUE;
  /* Two servers starting at once may both get here: the backend keeps the
   * first one saved. */
  fresh = sc_central_identity_generate ();
  return self->klass->save_identity (self, fresh, error);
}

ScCentralDb *
sc_central_db_open (const char *url,
                    const char *key_file,
                    GError    **error)
{
  g_autoptr (ScCentralDb) self = NULL;

  if (!sc_crypto_init (error))
    return NULL;
  if (url == NULL || *url == '\0')
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_URL,
                   _("No database was given; use --database sqlite:PATH or "
                     "--database postgresql://…"));
      return NULL;
    }
  if (g_str_has_prefix (url, "sqlite:"))
    self = sc_central_sqlite_open (url + strlen ("sqlite:"), key_file, error);
  else if (g_str_has_prefix (url, "postgresql://") || g_str_has_prefix (url, "postgres://"))
    self = sc_central_pg_open (url, error);
  else
    g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_URL,
                 _("“%s” is not a database URL this program knows; use sqlite:PATH or "
                   "postgresql://…"),
                 url);
  if (self == NULL || !ensure_identity (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
sc_central_db_close (ScCentralDb *self)
{
  if (self == NULL)
    return;
  self->klass->close (self);
}

const char *
sc_central_db_get_backend (ScCentralDb *self)
{
  return self->klass->name;
}

/* Wrappers */

ScCentralIdentity *
sc_central_db_get_identity (ScCentralDb *self,
                            GError     **error)
{
  ScCentralIdentity *identity = NULL;

  if (!self->klass->load_identity (self, &identity, error))
    return NULL;
  if (identity == NULL)
    g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_NOT_FOUND,
                 _("The central store has no identity yet; open it once with this program"));
  return identity;
}

ScCentralDevice *
sc_central_db_get_device (ScCentralDb *self,
                          const char  *id,
                          GError     **error)
{
  ScCentralDevice *device = NULL;

  if (!self->klass->get_device (self, id, &device, error))
    return NULL;
  if (device == NULL)
    g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_NOT_FOUND,
                 _("No device %s is enrolled here"), id);
  return device;
}

gboolean
sc_central_db_enrol (ScCentralDb           *self,
                     const ScCentralDevice *device,
                     gboolean              *updated,
                     GError               **error)
{
  g_autoptr (ScCentralDevice) known = NULL;
  g_autoptr (ScCentralIdentity) identity = NULL;

  if (!g_uuid_string_is_valid (device->id))
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID,
                   _("The device id “%s” is not a UUID"), device->id);
      return FALSE;
    }
  identity = sc_central_db_get_identity (self, error);
  if (identity == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (identity->id, device->id) == 0)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID,
                   _("This is the central store's own card; enrol the devices' cards instead"));
      return FALSE;
    }
  if (!self->klass->get_device (self, device->id, &known, error))
    return FALSE;
  if (known != NULL && known->revoked)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_REVOKED,
                   _("The device %s was revoked here; it cannot be enrolled again. Ask its owner "
                     "to create a new store, and enrol that card."),
                   device->id);
      return FALSE;
    }
  if (known != NULL &&
      (sodium_memcmp (known->sign_key, device->sign_key, sizeof known->sign_key) != 0 ||
       sodium_memcmp (known->box_key, device->box_key, sizeof known->box_key) != 0))
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEYS_DIFFER,
                   _("A device %s is enrolled here with other keys; this card may be forged. "
                     "Compare fingerprints with its owner before doing anything else."),
                   device->id);
      return FALSE;
    }
  if (updated != NULL)
    *updated = known != NULL;
  return self->klass->put_device (self, device, error);
}

gboolean
sc_central_db_revoke (ScCentralDb *self,
                      const char  *id,
                      GError     **error)
{
  gboolean found = FALSE;

  if (!self->klass->revoke_device (self, id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_NOT_FOUND,
                   _("No device %s is enrolled here"), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_central_db_remember_nonce (ScCentralDb *self,
                              const char  *device,
                              const char  *nonce,
                              gint64       now,
                              gboolean    *fresh,
                              GError     **error)
{
  return self->klass->remember_nonce (self, device, nonce, now, fresh, error);
}

gboolean
sc_central_db_put_bundle (ScCentralDb           *self,
                          const ScCentralBundle *bundle,
                          int                    fd,
                          const ScCentralNonce  *nonce,
                          gboolean              *fresh,
                          gboolean              *created,
                          GError               **error)
{
  g_autofree char *existing = NULL;
  gboolean is_fresh = TRUE;

  *created = FALSE;
  if (!self->klass->put_bundle (self, bundle, fd, nonce, &is_fresh, created, &existing, error))
    return FALSE;
  if (fresh != NULL)
    *fresh = is_fresh;
  if (!is_fresh)
    return TRUE;
  if (!*created && g_strcmp0 (existing, bundle->sha256) != 0)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_CONFLICT,
                   _("Another bundle with the id %s is stored already; the new one was not "
                     "kept"),
                   bundle->id);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sc_central_db_list_bundles (ScCentralDb *self,
                            const char  *device,
                            const char  *after,
                            guint        limit,
                            GError     **error)
{
  return self->klass->list_bundles (self, device, after, limit, error);
}

ScCentralBundle *
sc_central_db_get_bundle (ScCentralDb *self,
                          const char  *id,
                          GError     **error)
{
  ScCentralBundle *bundle = NULL;

  if (!self->klass->get_bundle (self, id, &bundle, error))
    return NULL;
  if (bundle == NULL)
    g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_NOT_FOUND,
                 _("No bundle %s is stored here"), id);
  return bundle;
}

GBytes *
sc_central_db_read_chunk (ScCentralDb *self,
                          const char  *id,
                          guint        index,
                          GError     **error)
{
  return self->klass->read_chunk (self, id, index, error);
}

gboolean
sc_central_db_counts (ScCentralDb     *self,
                      ScCentralCounts *out,
                      GError         **error)
{
  memset (out, 0, sizeof *out);
  return self->klass->counts (self, out, error);
}

static gboolean
verify_bundle (ScCentralDb *self,
               const char  *id,
               GError     **error)
{
  g_autoptr (ScCentralBundle) bundle = sc_central_db_get_bundle (self, id, error);
  g_autoptr (GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 total = 0;

  if (bundle == NULL)
    return FALSE;
  for (guint i = 0; i < bundle->n_chunks; i++)
    {
      g_autoptr (GBytes) chunk = sc_central_db_read_chunk (self, id, i, error);
      gsize len = 0;
      const guint8 *data;

      if (chunk == NULL)
        return FALSE;
      data = g_bytes_get_data (chunk, &len);
      g_checksum_update (sha, data, len);
      total += len;
    }
  if (total != bundle->size || g_strcmp0 (g_checksum_get_string (sha), bundle->sha256) != 0 ||
      bundle->recipients->len == 0)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                   _("The bundle %s is incomplete or damaged in the database (%" G_GUINT64_FORMAT
                     " of %" G_GUINT64_FORMAT " bytes, %u recipients)"),
                   id, total, bundle->size, bundle->recipients->len);
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_central_db_verify (ScCentralDb *self,
                      guint       *n_bundles,
                      GError     **error)
{
  g_autoptr (GPtrArray) ids = NULL;

  if (!self->klass->check (self, error))
    return FALSE;
  ids = self->klass->list_ids (self, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!verify_bundle (self, g_ptr_array_index (ids, i), error))
      return FALSE;
  if (n_bundles != NULL)
    *n_bundles = ids->len;
  return TRUE;
}
