/* sc-record-object.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-record-object.h"
#include "sc-search.h"

struct _ScRecordObject
{
  GObject parent_instance;

  ScRecord *record;
  char *search_key;
  GPtrArray *readings; /* ScReading*, NULL while not known */
};

G_DEFINE_FINAL_TYPE (ScRecordObject, sc_record_object, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_READINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sc_record_object_finalize (GObject *object)
{
  ScRecordObject *self = SC_RECORD_OBJECT (object);

  sc_record_free (self->record);
  g_free (self->search_key);
  g_clear_pointer (&self->readings, g_ptr_array_unref);
  G_OBJECT_CLASS (sc_record_object_parent_class)->finalize (object);
}

static void
sc_record_object_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ScRecordObject *self = SC_RECORD_OBJECT (object);

  switch (prop_id)
    {
    case PROP_READINGS:
      g_value_set_boolean (value, self->readings != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_record_object_class_init (ScRecordObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_record_object_finalize;
  object_class->get_property = sc_record_object_get_property;

  /* Notified whenever the readings change; TRUE once they are known. */
  properties[PROP_READINGS] = g_param_spec_boolean ("readings", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE |
                                                    G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sc_record_object_init (ScRecordObject *self)
{
}

ScRecordObject *
sc_record_object_new (ScRecord *record)
{
  ScRecordObject *self = g_object_new (SC_TYPE_RECORD_OBJECT, NULL);
  g_autoptr (GString) key = g_string_new (record->ref);

  self->record = record;
  for (guint i = 0; record->cohorts != NULL && record->cohorts[i] != NULL; i++)
    g_string_append_printf (key, " %s", record->cohorts[i]);
  if (record->age_band != NULL)
    g_string_append_printf (key, " %s", record->age_band);
  if (record->legal_status != NULL)
    g_string_append_printf (key, " %s", record->legal_status);
  self->search_key = sc_search_fold (key->str);
  return self;
}

const ScRecord *
sc_record_object_get_record (ScRecordObject *self)
{
  return self->record;
}

const char *
sc_record_object_get_id (ScRecordObject *self)
{
  return self->record->id;
}

const char *
sc_record_object_get_ref (ScRecordObject *self)
{
  return self->record->ref;
}

const char *
sc_record_object_get_search_key (ScRecordObject *self)
{
  return self->search_key;
}

gboolean
sc_record_object_has_cohort (ScRecordObject *self,
                             const char     *cohort)
{
  return self->record->cohorts != NULL &&
         g_strv_contains ((const char * const *) self->record->cohorts, cohort);
}

void
sc_record_object_set_readings (ScRecordObject *self,
                               GPtrArray      *readings)
{
  g_clear_pointer (&self->readings, g_ptr_array_unref);
  self->readings = readings != NULL ? g_ptr_array_ref (readings) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READINGS]);
}

gboolean
sc_record_object_get_readings_known (ScRecordObject *self)
{
  return self->readings != NULL;
}

static ScRecordState
state_of (const ScReading *reading)
{
  return reading->status == SC_READING_SUBMITTED ? SC_RECORD_STATE_SUBMITTED
                                                 : SC_RECORD_STATE_DRAFT;
}

ScRecordState
sc_record_object_get_state (ScRecordObject *self,
                            const char     *reader)
{
  ScRecordState state = SC_RECORD_STATE_NONE;

  for (guint i = 0; self->readings != NULL && i < self->readings->len; i++)
    {
      const ScReading *reading = g_ptr_array_index (self->readings, i);

      if (reader == NULL || g_strcmp0 (reading->reader, reader) == 0)
        state = MAX (state, state_of (reading));
    }
  return state;
}

const ScReading *
sc_record_object_find_reading (ScRecordObject *self,
                               const char     *reader)
{
  for (guint i = 0; self->readings != NULL && i < self->readings->len; i++)
    {
      const ScReading *reading = g_ptr_array_index (self->readings, i);

      if (g_strcmp0 (reading->reader, reader) == 0)
        return reading;
    }
  return NULL;
}

guint
sc_record_object_get_n_readers (ScRecordObject *self)
{
  return self->readings != NULL ? self->readings->len : 0;
}
