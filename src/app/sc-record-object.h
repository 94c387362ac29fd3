/* sc-record-object.h: a record in the records list, with its readings
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small, so a list of ten thousand stays light: the record's fields, and
 * who has read it how far (filled in after the list is shown).
 */
#pragma once

#include <glib-object.h>

#include "sc-model.h"

G_BEGIN_DECLS

#define SC_TYPE_RECORD_OBJECT (sc_record_object_get_type ())
G_DECLARE_FINAL_TYPE (ScRecordObject, sc_record_object, SC, RECORD_OBJECT, GObject)

/* What a reader has done with a record. */
typedef enum
{
  SC_RECORD_STATE_NONE,      /* not started */
  SC_RECORD_STATE_DRAFT,     /* started, or reopened */
  SC_RECORD_STATE_SUBMITTED,
} ScRecordState;

/* Takes RECORD. */
ScRecordObject *sc_record_object_new (ScRecord *record);
const ScRecord *sc_record_object_get_record (ScRecordObject *self);
const char     *sc_record_object_get_id (ScRecordObject *self);
const char     *sc_record_object_get_ref (ScRecordObject *self);
/* Case-folded ref and cohorts, for searching. */
const char     *sc_record_object_get_search_key (ScRecordObject *self);
gboolean        sc_record_object_has_cohort (ScRecordObject *self,
                                             const char     *cohort);
/* READINGS: ScReading* of this record; NULL while not known yet. Notifies
 * "readings" (the row and the filters use it). */
void            sc_record_object_set_readings (ScRecordObject *self,
                                               GPtrArray      *readings);
gboolean        sc_record_object_get_readings_known (ScRecordObject *self);
/* READER's state; with READER NULL, the furthest any reader has got. */
ScRecordState   sc_record_object_get_state (ScRecordObject *self,
                                            const char     *reader);
/* The reading of READER, or NULL. Borrowed. */
const ScReading *sc_record_object_find_reading (ScRecordObject *self,
                                                const char     *reader);
guint           sc_record_object_get_n_readers (ScRecordObject *self);

G_END_DECLS
