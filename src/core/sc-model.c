/* sc-model.c: the rows of the data model, and their names
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-model.h"

static const char * const member_roles[] = {
  "lead", "deputy", "inspector", "associate", "volunteer", "support", NULL,
};

static const char * const note_kinds[] = {
  "strength", "improvement", "quote", "observation", NULL,
};

gboolean
sc_member_role_is_valid (const char *role)
{
  return role != NULL && g_strv_contains (member_roles, role);
}

const char *
sc_reading_status_to_string (ScReadingStatus status)
{
  static const char * const names[] = { "draft", "submitted", "reopened" };

  g_return_val_if_fail (status < G_N_ELEMENTS (names), NULL);
  return names[status];
}

const char *
sc_note_kind_to_string (ScNoteKind kind)
{
  g_return_val_if_fail (kind <= SC_NOTE_OBSERVATION, NULL);
  return note_kinds[kind];
}

gboolean
sc_note_kind_from_string (const char *name,
                          ScNoteKind *kind)
{
  for (guint i = 0; note_kinds[i] != NULL; i++)
    if (g_strcmp0 (name, note_kinds[i]) == 0)
      {
        *kind = (ScNoteKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sc_concern_status_to_string (ScConcernStatus status)
{
  static const char * const names[] = { "raised", "passed_on", "closed" };

  g_return_val_if_fail (status < G_N_ELEMENTS (names), NULL);
  return names[status];
}

void
sc_member_free (ScMember *member)
{
  if (member == NULL)
    return;
  g_free (member->id);
  g_free (member->name);
  g_free (member->role);
  g_free (member);
}

void
sc_inspection_free (ScInspection *inspection)
{
  if (inspection == NULL)
    return;
  g_free (inspection->id);
  g_free (inspection->framework);
  g_free (inspection->title);
  g_free (inspection->area);
  g_free (inspection->start_date);
  g_free (inspection->end_date);
  g_free (inspection->lead);
  g_free (inspection->status);
  g_free (inspection);
}

void
sc_record_free (ScRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->inspection);
  g_free (record->ref);
  g_strfreev (record->cohorts);
  g_free (record->age_band);
  g_free (record->legal_status);
  g_free (record);
}

void
sc_reading_free (ScReading *reading)
{
  if (reading == NULL)
    return;
  g_free (reading->id);
  g_free (reading->assignment);
  g_free (reading->record);
  g_free (reading->reader);
  g_free (reading->kind);
  g_free (reading->created);
  g_free (reading->updated);
  g_free (reading->submitted);
  g_free (reading);
}

void
sc_answer_free (ScAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->question);
  g_free (answer->value);
  g_free (answer->evidence);
  g_free (answer->indicators);
  g_free (answer);
}

void
sc_focus_group_free (ScFocusGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->id);
  g_free (group->inspection);
  g_free (group->title);
  g_free (group->participants_kind);
  g_free (group->held_on);
  g_free (group->place);
  g_free (group->facilitator);
  g_free (group);
}

void
sc_note_free (ScNote *note)
{
  if (note == NULL)
    return;
  g_free (note->id);
  g_free (note->focus_group);
  g_free (note->author);
  g_free (note->text);
  g_free (note->indicators);
  g_free (note->created);
  g_free (note);
}

void
sc_concern_free (ScConcern *concern)
{
  if (concern == NULL)
    return;
  g_free (concern->id);
  g_free (concern->inspection);
  g_free (concern->record);
  g_free (concern->raised_by);
  g_free (concern->summary);
  g_free (concern->raised_at);
  g_free (concern->passed_to);
  g_free (concern->passed_on_at);
  g_free (concern->outcome);
  g_free (concern->closed_at);
  g_free (concern);
}
