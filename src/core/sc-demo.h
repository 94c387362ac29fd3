/* sc-demo.h: a believable inspection to explore and to test with
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sc-store.h"

G_BEGIN_DECLS

typedef void (*ScDemoProgress) (guint    done,
                                guint    total,
                                gpointer user_data);

/* Adds a demo inspection on the Care Inspectorate 2012 framework: N_RECORDS
 * records in cohorts, a team of four readers, 20% double read, readings
 * filled and submitted for about six records in ten, focus-group notes and
 * one safety concern. Records are committed in batches; PROGRESS is called
 * after each. The same SEED builds the same inspection. */
gboolean sc_demo_create (ScStore         *store,
                         guint            n_records,
                         guint32          seed,
                         ScDemoProgress   progress,
                         gpointer         user_data,
                         char           **inspection,
                         GError         **error);

G_END_DECLS
