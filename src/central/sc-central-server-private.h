/* sc-central-server-private.h: what the server and its routes share
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is read on the server's main context (sc-central-server.c) and
 * worked on by a pool thread (sc-central-routes.c) as a Job: the job copies
 * what it needs from the message, so the thread never touches libsoup, and
 * carries its answer back.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "sc-central-auth.h"
#include "sc-central-server.h"

G_BEGIN_DECLS

struct _ScCentralServer
{
  SoupServer *soup;
  ScCentralDb *db;
  ScCentralIdentity *identity; /* to open team bundles sealed to us */
  GMainContext *context;
  GThreadPool *pool;
  guint64 max_body;
  gboolean tls;
  gboolean log_requests;
  gboolean closing;
};

typedef enum
{
  ROUTE_NONE,
  ROUTE_HEALTH,
  ROUTE_UPLOAD,
  ROUTE_LIST,
  ROUTE_DOWNLOAD,
} Route;

typedef struct
{
  ScCentralServer *server;
  SoupServerMessage *msg; /* not owned: the request lives as long as it */
  Route route;
  char *bundle_id;        /* ROUTE_DOWNLOAD */
  ScCentralAuth *auth;
  ScCentralRefusal refusal;
  crypto_generichash_state body_hash;
  GChecksum *sha256;
  int spool;
  guint64 received;
  gboolean spool_failed;
  gboolean finished;
  gint64 started;
  /* Streaming a download */
  ScCentralBundle *bundle;
  guint next_chunk;
  guint appended;
  guint written;
  gboolean fetching;
} Request;

typedef enum
{
  JOB_CHECK_DEVICE,
  JOB_HANDLE,
  JOB_CHUNK,
} JobKind;

typedef struct
{
  JobKind kind;
  ScCentralServer *server;
  SoupServerMessage *msg; /* owned */
  Request *request;       /* alive while MSG is */
  /* Inputs, copied so the worker never touches the message. */
  char *method;
  char *path;
  guint8 body_hash[SC_SYNC_HASH_BYTES];
  guint chunk_index;
  /* Outputs */
  ScCentralRefusal refusal;
  guint status;
  JsonNode *json;
  ScCentralBundle *bundle;
  GBytes *chunk;
} Job;

/* Runs JOB on a pool thread: JOB_CHECK_DEVICE, JOB_HANDLE (the route's
 * work) or JOB_CHUNK (one piece of a download), filling its outputs. */
void sc_central_routes_run (Job *job);

G_END_DECLS
