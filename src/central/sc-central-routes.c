/* sc-central-routes.c: the work behind each route, on the pool's threads
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Authentication (the device, the signature, the nonce), then the route:
 * store an upload, list a device's bundles, or start a download. Whatever
 * is refused is refused here with a status and a code, and changes nothing.
 */
#include "sc-central-server-private.h"

#include <glib/gi18n-lib.h>

#include "sc-central-team.h"

static JsonNode *
bundle_json (const ScCentralBundle *bundle,
             const char            *stored,
             const char            *reported)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, bundle->id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, bundle->kind);
  json_builder_set_member_name (b, "sender");
  json_builder_add_string_value (b, bundle->sender);
  json_builder_set_member_name (b, "inspection");
  json_builder_add_string_value (b, bundle->inspection);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, (gint64) bundle->size);
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, bundle->created);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, bundle->sha256);
  if (stored != NULL)
    {
      json_builder_set_member_name (b, "stored");
      json_builder_add_string_value (b, stored);
    }
  if (reported != NULL)
    {
      json_builder_set_member_name (b, "reported");
      json_builder_add_string_value (b, reported);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
database_failed (Job          *job,
                 const GError *error)
{
  /* The operator sees the cause; the client a plain "try later". */
  g_printerr ("scrutineer-central: %s\n", error->message);
  sc_central_refuse (&job->refusal, 503, "unavailable",
                     _("The central store cannot reach its database; try again later"));
  return FALSE;
}

static ScCentralDevice *
lookup_device (Job  *job,
               const char *id)
{
  g_autoptr (GError) error = NULL;
  ScCentralDevice *device = NULL;

  if (!job->server->db->klass->get_device (job->server->db, id, &device, &error))
    database_failed (job, error);
  return device;
}

static void
refuse_replay (Job *job)
{
  sc_central_refuse (&job->refusal, 409, "replayed-nonce",
                     _("This request was seen before (its nonce is not new); sign each request "
                       "afresh"));
}

/* Checks the device and the signature, and remembers the nonce unless the
 * caller does it in its own transaction (uploads). */
static ScCentralDevice *
authenticate (Job     *job,
              gboolean remember_nonce)
{
  const ScCentralAuth *auth = job->request->auth;
  g_autoptr (ScCentralDevice) device = lookup_device (job, auth->device);
  g_autoptr (GError) error = NULL;
  gboolean fresh = FALSE;

  if (job->refusal.status != 0 || !sc_central_auth_check_device (auth, device, &job->refusal) ||
      !sc_central_auth_verify (auth, device, job->method, job->path, job->body_hash,
                               &job->refusal))
    return NULL;
  if (!remember_nonce)
    return g_steal_pointer (&device);
  if (!sc_central_db_remember_nonce (job->server->db, auth->device, auth->nonce,
                                     g_get_real_time () / G_USEC_PER_SEC, &fresh, &error))
    {
      database_failed (job, error);
      return NULL;
    }
  if (!fresh)
    {
      refuse_replay (job);
      return NULL;
    }
  return g_steal_pointer (&device);
}

/* Keeps the levels of a team bundle sealed to us, for reporting: "kept",
 * "older" (a later bundle of the inspection is kept), "unreadable", or NULL
 * for bundles that are not ours to read. Done on every upload, retries
 * included, so a crash between the bundle's commit and this one is mended by
 * the next upload of the same bundle. */
static const char *
report_team (Job                   *job,
             const ScCentralBundle *bundle)
{
  ScCentralServer *self = job->server;
  g_autoptr (ScCentralTeam) team = NULL;
  g_autoptr (GError) error = NULL;
  gboolean applied = FALSE;

  if (self->identity == NULL || !sc_central_team_is_for (bundle, self->identity))
    return NULL;
  team = sc_central_team_read (job->request->spool, bundle->size, self->identity, &error);
  if (team == NULL || !self->db->klass->put_team (self->db, team, &applied, &error))
    {
      g_printerr ("scrutineer-central: bundle %s: %s\n", bundle->id, error->message);
      return "unreadable";
    }
  return applied ? "kept" : "older";
}

static void
run_upload (Job                   *job,
            const ScCentralDevice *device)
{
  Request *req = job->request;
  g_autoptr (ScCentralBundle) bundle = NULL;
  g_autoptr (GError) error = NULL;
  ScCentralNonce nonce = { req->auth->device, req->auth->nonce,
                           g_get_real_time () / G_USEC_PER_SEC };
  gboolean created = FALSE;
  gboolean fresh = TRUE;

  bundle = sc_central_upload_check (req->spool, req->received, g_checksum_get_string (req->sha256),
                                    device, &job->refusal);
  if (bundle == NULL)
    return;
  /* The nonce goes in the upload's own transaction: one commit, not two. */
  if (!sc_central_db_put_bundle (job->server->db, bundle, req->spool, &nonce, &fresh, &created,
                                 &error))
    {
      if (g_error_matches (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_CONFLICT))
        sc_central_refuse (&job->refusal, 409, "conflict", "%s", error->message);
      else
        database_failed (job, error);
      return;
    }
  if (!fresh)
    {
      refuse_replay (job);
      return;
    }
  job->status = created ? 201 : 200;
  job->json = bundle_json (bundle, created ? "new" : "existing", report_team (job, bundle));
}

/* The page asked for in the query: ?limit=N (1 or more; more than
 * SC_SYNC_PAGE_MAX gives SC_SYNC_PAGE_MAX) and ?after=ID (a bundle id). */
static gboolean
parse_page (Job    *job,
            guint  *limit,
            char  **after)
{
  const char *mark = strchr (job->path, '?');
  g_autoptr (GHashTable) params = NULL;
  const char *value;

  *limit = SC_SYNC_PAGE_DEFAULT;
  *after = NULL;
  if (mark == NULL)
    return TRUE;
  params = g_uri_parse_params (mark + 1, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    {
      sc_central_refuse (&job->refusal, 400, "bad-query", _("The query string is not readable"));
      return FALSE;
    }
  value = g_hash_table_lookup (params, "limit");
  if (value != NULL)
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT32, &n, NULL))
        {
          sc_central_refuse (&job->refusal, 400, "bad-limit",
                             _("The page size must be a whole number from 1 to %u"),
                             SC_SYNC_PAGE_MAX);
          return FALSE;
        }
      *limit = (guint) MIN (n, SC_SYNC_PAGE_MAX);
    }
  value = g_hash_table_lookup (params, "after");
  if (value != NULL)
    {
      if (!g_uuid_string_is_valid (value))
        {
          sc_central_refuse (&job->refusal, 400, "bad-cursor",
                             _("The cursor must be the id of a bundle"));
          return FALSE;
        }
      *after = g_ascii_strdown (value, -1);
    }
  return TRUE;
}

static void
run_list (Job                   *job,
          const ScCentralDevice *device)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bundles = NULL;
  g_autoptr (JsonArray) array = json_array_new ();
  g_autofree char *after = NULL;
  guint limit = 0;

  if (!parse_page (job, &limit, &after))
    return;
  bundles = sc_central_db_list_bundles (job->server->db, device->id, after, limit, &error);
  if (bundles == NULL)
    {
      database_failed (job, error);
      return;
    }
  for (guint i = 0; i < bundles->len; i++)
    json_array_add_element (array,
                            bundle_json (g_ptr_array_index (bundles, i), NULL, NULL));
  job->status = 200;
  job->json = json_node_init_array (json_node_alloc (), array);
}

static gboolean
is_recipient (const ScCentralBundle *bundle,
              const char            *device)
{
  for (guint i = 0; i < bundle->recipients->len; i++)
    if (g_str_equal (g_ptr_array_index (bundle->recipients, i), device))
      return TRUE;
  return FALSE;
}

static void
run_download (Job                   *job,
              const ScCentralDevice *device)
{
  g_autoptr (GError) error = NULL;
  ScCentralBundle *bundle = NULL;

  if (!job->server->db->klass->get_bundle (job->server->db, job->request->bundle_id, &bundle,
                                           &error))
    {
      database_failed (job, error);
      return;
    }
  job->bundle = bundle;
  /* The same answer whether the bundle does not exist or is someone else's. */
  if (bundle == NULL || !is_recipient (bundle, device->id))
    {
      sc_central_refuse (&job->refusal, 404, "not-found",
                         _("No bundle %s is addressed to this device"), job->request->bundle_id);
      return;
    }
  job->chunk = sc_central_db_read_chunk (job->server->db, bundle->id, 0, &error);
  if (job->chunk == NULL)
    {
      database_failed (job, error);
      return;
    }
  job->status = 200;
}

void
sc_central_routes_run (Job *job)
{
  Request *req = job->request;
  g_autoptr (ScCentralDevice) device = NULL;
  g_autoptr (GError) error = NULL;

  switch (job->kind)
    {
    case JOB_CHECK_DEVICE:
      device = lookup_device (job, req->auth->device);
      if (job->refusal.status == 0)
        sc_central_auth_check_device (req->auth, device, &job->refusal);
      break;
    case JOB_CHUNK:
      job->chunk = sc_central_db_read_chunk (job->server->db, req->bundle->id, job->chunk_index,
                                             &error);
      if (job->chunk == NULL)
        database_failed (job, error);
      break;
    case JOB_HANDLE:
      device = authenticate (job, req->route != ROUTE_UPLOAD);
      if (device == NULL)
        break;
      if (req->route == ROUTE_UPLOAD)
        run_upload (job, device);
      else if (req->route == ROUTE_LIST)
        run_list (job, device);
      else
        run_download (job, device);
      break;
    }
}
