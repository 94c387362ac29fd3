/* sc-allocation.h: who reads which record, and which records are read twice
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure: no store, no clock. The same items in the same order, the same
 * readers and the same seed always give the same allocation.
 *
 * The double-read sample is stratified by cohort: the records with the same
 * set of cohort tags form a stratum, each stratum gets fraction × its size
 * (rounded by largest remainder, so the total is round (fraction × N)), and
 * the records within a stratum are drawn in a shuffle seeded by the seed.
 * Readers are given work by load: each piece goes to the reader with the
 * least (primary + second) so far, ties broken in a seeded order, never the
 * record's other reader. Work that has started never changes reader; work
 * that has not may move to even out the load.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_ALLOCATION_ERROR (sc_allocation_error_quark ())

typedef enum
{
  SC_ALLOCATION_ERROR_INVALID,     /* a fraction outside 0..1, a reader listed twice */
  SC_ALLOCATION_ERROR_NO_READERS,  /* nobody to give the work to */
} ScAllocationError;

/* One record, what it has now, and (after sc_allocation_run()) what it gets. */
typedef struct
{
  char *record;
  char *label;              /* how messages name the record (e.g. its ref); NULL: the id */
  GStrv cohorts;
  char *primary;            /* in: the current reader or NULL; out: the allocated one */
  char *second;             /* likewise; NULL out when the record is read once */
  gboolean primary_started; /* in: the reader has started, so the work stays with them */
  gboolean second_started;
  GStrv others;             /* in: readers with other assignments here; never chosen */
} ScAllocationItem;

typedef enum
{
  SC_ALLOCATION_RESAMPLE,    /* draw the double-read sample from fraction and seed */
  SC_ALLOCATION_KEEP_SAMPLE, /* records with a second reader keep one; no others get one */
} ScAllocationMode;

typedef struct
{
  char *reader;    /* member id */
  char *name;      /* filled by the store; NULL from sc_allocation_loads() */
  guint n_primary;
  guint n_second;
} ScReaderLoad;

typedef struct
{
  guint n_records;
  guint n_double;   /* records with a second reader */
  guint n_changed;  /* assignments added, moved or withdrawn */
  GPtrArray *loads; /* ScReaderLoad*, in team order */
} ScAllocationSummary;

GQuark sc_allocation_error_quark (void);

ScAllocationItem *sc_allocation_item_new (const char         *record,
                                          const char * const *cohorts);
void              sc_allocation_item_free (ScAllocationItem *item);
void              sc_reader_load_free (ScReaderLoad *load);
void              sc_allocation_summary_free (ScAllocationSummary *summary);

/* round (FRACTION × N): the number of records read twice. */
guint sc_allocation_sample_size (double fraction,
                                 guint  n_records);

/* Allocates ITEMS (ScAllocationItem*) among READERS in place. Unstarted work
 * of readers not in READERS is taken back and given to those who are.
 * Fails, changing nothing, on a fraction outside 0..1, no readers, a reader
 * listed twice, or a record that needs a second reader when nobody else in
 * READERS is free to be one. */
gboolean sc_allocation_run (GPtrArray          *items,
                            const char * const *readers,
                            double              fraction,
                            guint32             seed,
                            ScAllocationMode    mode,
                            GError            **error);

/* Each reader's work in ITEMS, in READERS order. */
GPtrArray *sc_allocation_loads (GPtrArray          *items,
                                const char * const *readers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAllocationItem, sc_allocation_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScReaderLoad, sc_reader_load_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAllocationSummary, sc_allocation_summary_free)

G_END_DECLS
