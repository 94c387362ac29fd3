/* sc-reading-form.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-answer.h"
#include "sc-concern-popover.h"
#include "sc-question-editor.h"
#include "sc-reading-form.h"

typedef enum
{
  SAVE_IDLE,
  SAVE_PENDING,
  SAVE_DONE,
  SAVE_FAILED,
} SaveState;

struct _ScReadingForm
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *back_button;
  GtkLabel *title_label;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkWidget *saved_box;
  GtkImage *saved_icon;
  GtkLabel *saved_label;
  GtkMenuButton *concern_button;
  GtkWidget *submit_button;
  GtkRevealer *submitted_revealer;
  GtkLabel *submitted_label;
  GtkRevealer *missing_revealer;
  GtkLabel *missing_label;
  GtkBox *missing_box;
  GtkStack *stack;
  AdwStatusPage *start_page;
  GtkWidget *start_button;
  GtkScrolledWindow *scrolled;
  GtkBox *groups_box;
  GtkWidget *concern_popover;

  ScInspectionContext *context;
  const ScInstrument *instrument;
  GHashTable *editors;  /* question id -> ScQuestionEditor, borrowed */
  GPtrArray *order;     /* ScQuestionEditor*, form order */
  GPtrArray *groups;    /* group boxes, with their editors as "editors" data */

  ScRecord *record;
  ScReading *reading;
  GHashTable *answers;  /* question id -> ScAnswer*, as they stand */
  GHashTable *values;   /* question id -> normalised value, borrowed from answers */
  GHashTable *pending;  /* question ids changed since the last save */
  guint save_source;
  gint64 pending_since;
  char *focus_target;   /* question to scroll to once allocated */
  guint focus_source;
  guint build_source;
  guint revealed;       /* groups shown for the reading, from the first */
  guint reveal_source;
  GdkFrameClock *paint_clock;
  gulong paint_handler; /* background work waits for the next frame painted */
};

/* Questions built before a form is first shown; about two screens. */
#define FIRST_SCREEN_QUESTIONS 8

G_DEFINE_FINAL_TYPE (ScReadingForm, sc_reading_form, GTK_TYPE_WIDGET)

enum
{
  BACK,
  READING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void save_now (ScReadingForm *self);

static gboolean
is_read_only (ScReadingForm *self)
{
  return self->reading == NULL || self->reading->status == SC_READING_SUBMITTED ||
         self->context->store == NULL;
}

/* Saving state */

static void
show_save_state (ScReadingForm *self,
                 SaveState      state,
                 const char    *problem)
{
  const char *label = NULL;
  const char *icon = NULL;

  gtk_widget_remove_css_class (self->saved_box, "error");
  gtk_widget_remove_css_class (self->saved_box, "pending");
  switch (state)
    {
    case SAVE_IDLE:
      gtk_widget_set_visible (self->saved_box, FALSE);
      return;
    case SAVE_PENDING:
      label = _("Saving…");
      icon = "content-loading-symbolic";
      gtk_widget_add_css_class (self->saved_box, "pending");
      break;
    case SAVE_DONE:
      label = _("Saved");
      icon = "object-select-symbolic";
      break;
    case SAVE_FAILED:
    default:
      label = _("Not Saved");
      icon = "dialog-error-symbolic";
      gtk_widget_add_css_class (self->saved_box, "error");
      break;
    }
  gtk_label_set_label (self->saved_label, label);
  gtk_image_set_from_icon_name (self->saved_icon, icon);
  gtk_widget_set_tooltip_text (self->saved_box, problem);
  gtk_widget_set_visible (self->saved_box, TRUE);
}

static gboolean
save_cb (gpointer data)
{
  ScReadingForm *self = data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (ScReadingForm *self)
{
  gint64 now = g_get_monotonic_time ();
  guint delay = SC_READING_FORM_SAVE_DELAY_MS;

  if (self->save_source == 0 || self->pending_since == 0)
    self->pending_since = now;
  else if ((now - self->pending_since) / 1000 >= SC_READING_FORM_SAVE_MAX_MS)
    delay = 0;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (delay, save_cb, self);
  show_save_state (self, SAVE_PENDING, NULL);
}

static void
save_now (ScReadingForm *self)
{
  g_autoptr (GPtrArray) changed = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer id;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->pending_since = 0;
  if (g_hash_table_size (self->pending) == 0 || self->reading == NULL)
    return;
  if (self->context->store == NULL)
    {
      show_save_state (self, SAVE_FAILED, _("The store is closed"));
      return;
    }

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      ScAnswer *answer = g_hash_table_lookup (self->answers, id);

      if (answer != NULL)
        g_ptr_array_add (changed, answer);
    }
  if (!sc_store_set_answers (self->context->store, self->reading->id, changed, &error))
    {
      g_warning ("Could not save the answers: %s", error->message);
      show_save_state (self, SAVE_FAILED, error->message);
      return;
    }
  g_hash_table_remove_all (self->pending);
  show_save_state (self, SAVE_DONE, NULL);
}

/* Visibility and progress */

static void
update_visibility (ScReadingForm *self)
{
  for (guint g = 0; g < MIN (self->revealed, self->groups->len); g++)
    {
      GtkWidget *group = g_ptr_array_index (self->groups, g);
      GPtrArray *editors = g_object_get_data (G_OBJECT (group), "editors");
      gboolean any = FALSE;

      for (guint i = 0; i < editors->len; i++)
        {
          GtkWidget *editor = g_ptr_array_index (editors, i);
          const ScQuestion *q = sc_question_editor_get_question (SC_QUESTION_EDITOR (editor));
          gboolean visible = sc_question_is_visible (self->context->framework, q, self->values);

          gtk_widget_set_visible (editor, visible);
          any |= visible;
        }
      gtk_widget_set_visible (group, any);
    }
}

static void
update_progress (ScReadingForm *self)
{
  g_autoptr (GPtrArray) missing = NULL;
  guint required = 0;
  g_autofree char *text = NULL;

  if (self->instrument == NULL)
    return;
  /* From the instrument, not the editors: those further down may not be built yet. */
  for (guint g = 0; g < self->instrument->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (self->instrument->groups, g);

      for (guint i = 0; i < group->questions->len; i++)
        {
          const ScQuestion *q = g_ptr_array_index (group->questions, i);

          if (q->required && sc_question_is_visible (self->context->framework, q, self->values))
            required++;
        }
    }
  missing = sc_instrument_missing_answers (self->context->framework, self->instrument,
                                           self->values);
  /* Translators: progress through a form, e.g. "7 of 12 required answers" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u required answer",
                                       "%u of %u required answers", required),
                          required - MIN (missing->len, required), required);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 required > 0 ? (double) (required - missing->len) / required
                                              : 1.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

/* Answers */

static void
set_values_from_answers (ScReadingForm *self)
{
  GHashTableIter iter;
  gpointer id, value;

  g_hash_table_remove_all (self->values);
  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      ScAnswer *answer = value;

      if (answer->value != NULL)
        g_hash_table_insert (self->values, id, answer->value);
    }
}

static ScAnswer *
ensure_answer (ScReadingForm *self,
               const char    *question)
{
  ScAnswer *answer = g_hash_table_lookup (self->answers, question);

  if (answer == NULL)
    {
      answer = g_new0 (ScAnswer, 1);
      answer->question = g_strdup (question);
      g_hash_table_insert (self->answers, answer->question, answer);
    }
  return answer;
}

static void
editor_changed_cb (ScQuestionEditor *editor,
                   ScReadingForm    *self)
{
  const ScQuestion *q = sc_question_editor_get_question (editor);
  g_autofree char *raw = sc_question_editor_get_value (editor);
  g_autofree char *value = NULL;
  g_autoptr (GError) error = NULL;
  ScAnswer *answer;

  if (is_read_only (self))
    return;

  answer = ensure_answer (self, q->id);
  value = raw != NULL ? sc_answer_normalise (q, raw, &error) : NULL;
  if (error != NULL)
    {
      /* Keep the last good value in the store; say what is wrong with this one. */
      sc_question_editor_set_problem (editor, error->message);
    }
  else
    {
      sc_question_editor_set_problem (editor, NULL);
      sc_question_editor_set_missing (editor, FALSE);
      g_free (answer->value);
      answer->value = g_steal_pointer (&value);
    }
  g_free (answer->evidence);
  answer->evidence = sc_question_editor_get_evidence (editor);
  g_free (answer->indicators);
  answer->indicators = sc_question_editor_get_tags (editor);

  g_hash_table_add (self->pending, g_strdup (q->id));
  set_values_from_answers (self);
  update_visibility (self);
  update_progress (self);
  schedule_save (self);
}

/* Building the form, once */


static GtkWidget *
make_group (ScReadingForm *self,
            const ScGroup *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (sc_text_get (group->title));
  GPtrArray *editors = g_ptr_array_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), title);
  if (group->help != NULL)
    {
      GtkWidget *help = gtk_label_new (sc_text_get (group->help));

      gtk_label_set_xalign (GTK_LABEL (help), 0);
      gtk_label_set_wrap (GTK_LABEL (help), TRUE);
      gtk_widget_add_css_class (help, "dim-label");
      gtk_box_append (GTK_BOX (box), help);
    }

  for (guint i = 0; i < group->questions->len; i++)
    {
      const ScQuestion *q = g_ptr_array_index (group->questions, i);
      GtkWidget *editor = sc_question_editor_new (self->context->framework, q);

      gtk_widget_add_css_class (editor, "card");
      g_signal_connect (editor, "changed", G_CALLBACK (editor_changed_cb), self);
      gtk_box_append (GTK_BOX (box), editor);
      g_hash_table_insert (self->editors, q->id, editor);
      g_ptr_array_add (self->order, editor);
      g_ptr_array_add (editors, editor);
    }
  g_object_set_data_full (G_OBJECT (box), "editors", editors,
                          (GDestroyNotify) g_ptr_array_unref);
  return box;
}

/* Builds the next group, hidden until revealed; returns whether any are left. */
static gboolean
build_next_group (ScReadingForm *self)
{
  guint next = self->groups->len;
  GtkWidget *group;

  if (self->instrument == NULL || next >= self->instrument->groups->len)
    return FALSE;
  group = make_group (self, g_ptr_array_index (self->instrument->groups, next));
  /* Hidden widgets are not measured: a group costs nothing to lay out until shown. */
  gtk_widget_set_visible (group, FALSE);
  gtk_box_append (self->groups_box, group);
  g_ptr_array_add (self->groups, group);
  return next + 1 < self->instrument->groups->len;
}

static gboolean build_cb (gpointer data);

static gboolean
is_revealed (ScReadingForm *self)
{
  return self->instrument == NULL || self->revealed >= self->instrument->groups->len;
}

/* How many questions the revealed groups hold. */
static guint
revealed_questions (ScReadingForm *self)
{
  guint n = 0;

  for (guint g = 0; g < MIN (self->revealed, self->groups->len); g++)
    n += ((GPtrArray *) g_object_get_data (G_OBJECT (g_ptr_array_index (self->groups, g)),
                                           "editors"))->len;
  return n;
}

/* Shows the next group of the reading in the form, building it first if
 * need be, with its answers, visibility and editability; returns whether it
 * did (FALSE once all are shown). */
static gboolean
reveal_next_group (ScReadingForm *self)
{
  GtkWidget *group;
  GPtrArray *editors;
  gboolean read_only = is_read_only (self);
  gboolean any = FALSE;

  if (is_revealed (self))
    return FALSE;
  if (self->revealed >= self->groups->len)
    build_next_group (self);
  group = g_ptr_array_index (self->groups, self->revealed++);
  editors = g_object_get_data (G_OBJECT (group), "editors");
  for (guint i = 0; i < editors->len; i++)
    {
      ScQuestionEditor *editor = g_ptr_array_index (editors, i);
      const ScQuestion *q = sc_question_editor_get_question (editor);
      gboolean visible = sc_question_is_visible (self->context->framework, q, self->values);

      sc_question_editor_set_answer (editor, g_hash_table_lookup (self->answers, q->id));
      sc_question_editor_set_editable (editor, !read_only);
      gtk_widget_set_visible (GTK_WIDGET (editor), visible);
      any |= visible;
    }
  gtk_widget_set_visible (group, any);
  return TRUE;
}

static void
reveal_all (ScReadingForm *self)
{
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  while (reveal_next_group (self))
    ;
}

/* The rest of a reading, a group at a time between frames. */
static gboolean
reveal_cb (gpointer data)
{
  ScReadingForm *self = data;

  if (reveal_next_group (self) && !is_revealed (self))
    return G_SOURCE_CONTINUE;
  self->reveal_source = 0;
  return G_SOURCE_REMOVE;
}

/* A long form takes a while to build: it is built a group at a time while
 * the user is still choosing a record, so opening one only fills it in. */
static gboolean
build_cb (gpointer data)
{
  ScReadingForm *self = data;

  if (build_next_group (self))
    return G_SOURCE_CONTINUE;
  self->build_source = 0;
  return G_SOURCE_REMOVE;
}

/* Building and revealing go on between frames, but only once a frame has
 * been painted: the first frame of a form comes before anything else. */
static void
painted_cb (ScReadingForm *self)
{
  g_clear_signal_handler (&self->paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
  if (self->reveal_source == 0 && !is_revealed (self) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0)
    self->reveal_source = g_idle_add_full (G_PRIORITY_LOW, reveal_cb, self, NULL);
  if (self->build_source == 0 && self->instrument != NULL &&
      self->groups->len < self->instrument->groups->len)
    self->build_source = g_idle_add_full (G_PRIORITY_LOW, build_cb, self, NULL);
}

static void
schedule_background (ScReadingForm *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* Unmapped, it waits for the map ("map" calls this again). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || clock == NULL || self->paint_handler != 0)
    return;
  self->paint_clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (painted_cb),
                                                  self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
start_building (ScReadingForm *self)
{
  self->instrument = sc_framework_find_instrument (self->context->framework,
                                                   SC_INSTRUMENT_KIND_RECORD);
  if (self->instrument == NULL)
    {
      adw_status_page_set_title (self->start_page, _("No Reading Form"));
      adw_status_page_set_description (self->start_page,
                                       _("This inspection's framework has no record-reading "
                                         "instrument."));
      gtk_widget_set_visible (self->start_button, FALSE);
      return;
    }
  schedule_background (self);
}

/* Showing a reading */

static void
show_status (ScReadingForm *self)
{
  gboolean read_only = is_read_only (self);
  gboolean submitted = self->reading != NULL && self->reading->status == SC_READING_SUBMITTED;

  for (guint i = 0; i < self->order->len; i++)
    sc_question_editor_set_editable (g_ptr_array_index (self->order, i), !read_only);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.submit",
                                 self->reading != NULL && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.reopen",
                                 submitted && self->context->store != NULL);
  gtk_widget_set_visible (self->submit_button, self->reading != NULL && !submitted);
  gtk_widget_set_sensitive (GTK_WIDGET (self->concern_button),
                            self->record != NULL && self->context->store != NULL);
  if (submitted)
    {
      g_autofree char *text = NULL;
      g_autofree char *when = sc_inspection_format_time (self->reading->submitted);

      /* Translators: %s is when a reading was submitted */
      text = g_strdup_printf (_("Submitted %s. Reopen it to change an answer; the reason is "
                                "kept in the audit log."),
                              when);
      gtk_label_set_label (self->submitted_label, text);
    }
  gtk_revealer_set_reveal_child (self->submitted_revealer, submitted);
}

static void
clear_missing (ScReadingForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->missing_box))) != NULL)
    gtk_box_remove (self->missing_box, child);
  for (guint i = 0; i < self->order->len; i++)
    sc_question_editor_set_missing (g_ptr_array_index (self->order, i), FALSE);
  gtk_revealer_set_reveal_child (self->missing_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_revealer), FALSE);
}

static void
load_answers (ScReadingForm *self)
{
  g_autoptr (GHashTable) answers = NULL;
  g_autoptr (GError) error = NULL;

  g_hash_table_remove_all (self->answers);
  if (self->reading != NULL && self->context->store != NULL)
    {
      answers = sc_store_get_answers (self->context->store, self->reading->id, &error);
      if (answers == NULL)
        {
          g_warning ("Could not read the answers: %s", error->message);
          sc_inspection_toast (GTK_WIDGET (self), error->message);
        }
      else
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, answers);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              ScAnswer *answer = value;

              g_hash_table_iter_steal (&iter);
              g_hash_table_insert (self->answers, answer->question, answer);
            }
        }
    }
  set_values_from_answers (self);
  for (guint i = 0; i < self->order->len; i++)
    {
      ScQuestionEditor *editor = g_ptr_array_index (self->order, i);
      const ScQuestion *q = sc_question_editor_get_question (editor);

      sc_question_editor_set_answer (editor, g_hash_table_lookup (self->answers, q->id));
    }
}

static void
describe_record (ScReadingForm *self,
                 GString       *text)
{
  const ScRecord *record = self->record;

  if (record->cohorts != NULL && record->cohorts[0] != NULL)
    {
      g_autofree char *cohorts = g_strjoinv (", ", record->cohorts);

      g_string_append (text, cohorts);
    }
  if (record->age_band != NULL)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", record->age_band);
  if (record->legal_status != NULL)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", record->legal_status);
}

static void
set_concern_source (ScReadingForm *self)
{
  g_autofree char *prefill = NULL;

  if (self->record == NULL)
    return;
  /* Translators: the start of a safety concern's summary; %s is a record reference */
  prefill = g_strdup_printf (_("From the reading of %s: "), self->record->ref);
  sc_concern_popover_set_source (SC_CONCERN_POPOVER (self->concern_popover), self->record->id,
                                 prefill);
}

static ScRecord *
copy_record (const ScRecord *record)
{
  ScRecord *copy = g_new0 (ScRecord, 1);

  copy->id = g_strdup (record->id);
  copy->inspection = g_strdup (record->inspection);
  copy->ref = g_strdup (record->ref);
  copy->cohorts = g_strdupv (record->cohorts);
  copy->age_band = g_strdup (record->age_band);
  copy->legal_status = g_strdup (record->legal_status);
  return copy;
}

static ScReading *
copy_reading (const ScReading *reading)
{
  ScReading *copy = g_new0 (ScReading, 1);

  copy->id = g_strdup (reading->id);
  copy->assignment = g_strdup (reading->assignment);
  copy->record = g_strdup (reading->record);
  copy->reader = g_strdup (reading->reader);
  copy->kind = g_strdup (reading->kind);
  copy->status = reading->status;
  copy->created = g_strdup (reading->created);
  copy->updated = g_strdup (reading->updated);
  copy->submitted = g_strdup (reading->submitted);
  return copy;
}

void
sc_reading_form_show (ScReadingForm   *self,
                      const ScRecord  *record,
                      const ScReading *reading)
{
  g_autoptr (GString) details = g_string_new (NULL);

  g_return_if_fail (SC_IS_READING_FORM (self));

  save_now (self);
  g_clear_pointer (&self->record, sc_record_free);
  g_clear_pointer (&self->reading, sc_reading_free);
  self->record = record != NULL ? copy_record (record) : NULL;
  self->reading = reading != NULL ? copy_reading (reading) : NULL;
  clear_missing (self);
  show_save_state (self, self->reading != NULL ? SAVE_DONE : SAVE_IDLE, NULL);

  if (self->record == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->progress_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      show_status (self);
      return;
    }

  gtk_label_set_label (self->title_label, self->record->ref);
  describe_record (self, details);
  set_concern_source (self);
  if (self->reading == NULL)
    {
      /* Translators: %s is a record's reference */
      g_autofree char *title = g_strdup_printf (_("%s Not Started"), self->record->ref);

      adw_status_page_set_title (self->start_page, title);
      adw_status_page_set_description (self->start_page, details->str);
      gtk_label_set_label (self->progress_label, details->str);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_stack_set_visible_child_name (self->stack, "start");
      show_status (self);
      return;
    }

  load_answers (self);
  /* The first screenful now, the rest between frames (reveal_cb): laying out a
   * long form at once would hold up the first frame. */
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  for (guint g = 0; g < self->groups->len; g++)
    gtk_widget_set_visible (g_ptr_array_index (self->groups, g), FALSE);
  self->revealed = 0;
  for (guint shown = 0; shown < FIRST_SCREEN_QUESTIONS && !is_revealed (self);)
    {
      reveal_next_group (self);
      shown += ((GPtrArray *) g_object_get_data (G_OBJECT (g_ptr_array_index (
                 self->groups, self->revealed - 1)), "editors"))->len;
    }
  schedule_background (self);
  update_visibility (self);
  update_progress (self);
  show_status (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
}

const char *
sc_reading_form_get_record_ref (ScReadingForm *self)
{
  g_return_val_if_fail (SC_IS_READING_FORM (self), NULL);

  return self->record != NULL ? self->record->ref : NULL;
}

void
sc_reading_form_flush (ScReadingForm *self)
{
  g_return_if_fail (SC_IS_READING_FORM (self));

  save_now (self);
}

/* Focus and scrolling */

static void
scroll_to (ScReadingForm *self,
           GtkWidget     *editor)
{
  GtkWidget *content = gtk_widget_get_first_child (GTK_WIDGET (self->scrolled));
  graphene_point_t point;

  /* The viewport's child is what the adjustment scrolls. */
  while (content != NULL && !GTK_IS_VIEWPORT (content))
    content = gtk_widget_get_next_sibling (content);
  if (content == NULL || gtk_viewport_get_child (GTK_VIEWPORT (content)) == NULL)
    return;
  if (gtk_widget_compute_point (editor, gtk_viewport_get_child (GTK_VIEWPORT (content)),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled),
                              MAX (point.y - 12, 0));
}

static void
focus_editor (ScReadingForm *self,
              GtkWidget     *editor)
{
  scroll_to (self, editor);
  sc_question_editor_focus (SC_QUESTION_EDITOR (editor));
}

static GtkWidget *
first_unanswered (ScReadingForm *self)
{
  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *editor = g_ptr_array_index (self->order, i);
      const ScQuestion *q = sc_question_editor_get_question (SC_QUESTION_EDITOR (editor));

      if (gtk_widget_get_visible (editor) && !g_hash_table_contains (self->values, q->id))
        return editor;
    }
  if (!is_revealed (self))
    return NULL;
  return self->order->len > 0 ? g_ptr_array_index (self->order, 0) : NULL;
}

static gboolean
focus_target_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  ScReadingForm *self = SC_READING_FORM (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  GtkWidget *editor;

  if (g_strcmp0 (page, "start") == 0)
    {
      self->focus_source = 0;
      gtk_widget_grab_focus (self->start_button);
      return G_SOURCE_REMOVE;
    }
  /* Wait for the form to be laid out, so the scroll lands in the right place. */
  if (g_strcmp0 (page, "form") != 0 ||
      gtk_widget_get_allocated_height (GTK_WIDGET (self->groups_box)) <= 1)
    return G_SOURCE_CONTINUE;
  editor = self->focus_target ? g_hash_table_lookup (self->editors, self->focus_target)
                              : first_unanswered (self);
  if (editor != NULL && !gtk_widget_get_visible (gtk_widget_get_parent (editor)) &&
      !is_revealed (self))
    editor = NULL; /* built but not shown yet */
  if (editor == NULL && !is_revealed (self))
    return G_SOURCE_CONTINUE; /* further down, still being built */
  self->focus_source = 0;
  if (editor != NULL && gtk_widget_get_visible (editor))
    focus_editor (self, editor);
  g_clear_pointer (&self->focus_target, g_free);
  return G_SOURCE_REMOVE;
}

void
sc_reading_form_focus_question (ScReadingForm *self,
                                const char    *question)
{
  g_return_if_fail (SC_IS_READING_FORM (self));

  g_free (self->focus_target);
  self->focus_target = g_strdup (question);
  if (self->focus_source == 0)
    self->focus_source = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_target_cb, NULL,
                                                       NULL);
}

static GtkWidget *
focused_editor (ScReadingForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *editor = focus != NULL ? gtk_widget_get_ancestor (focus, SC_TYPE_QUESTION_EDITOR)
                                    : NULL;

  if (editor == NULL || !gtk_widget_is_ancestor (editor, GTK_WIDGET (self)))
    return NULL;
  return editor;
}

const char *
sc_reading_form_get_focus_question (ScReadingForm *self)
{
  GtkWidget *editor;

  g_return_val_if_fail (SC_IS_READING_FORM (self), NULL);

  editor = focused_editor (self);
  if (editor == NULL)
    return self->focus_target;
  return sc_question_editor_get_question (SC_QUESTION_EDITOR (editor))->id;
}

static void
move_focus (ScReadingForm *self,
            int            step)
{
  GtkWidget *current = focused_editor (self);
  int index = -1;

  if (current != NULL)
    g_ptr_array_find (self->order, current, (guint *) &index);
  for (int i = index + step; i >= 0; i += step)
    {
      GtkWidget *editor;

      /* Past what is built so far: build on rather than stop. */
      while (step > 0 && !is_revealed (self) && i >= (int) revealed_questions (self))
        reveal_next_group (self);
      if (i >= (int) self->order->len)
        return;
      editor = g_ptr_array_index (self->order, i);
      if (gtk_widget_get_visible (editor))
        {
          focus_editor (self, editor);
          return;
        }
    }
}

static void
next_question_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_focus (SC_READING_FORM (widget), g_str_equal (action_name, "form.next-question") ? 1 : -1);
}

/* Submitting and reopening */

static void
missing_clicked_cb (GtkButton     *button,
                    ScReadingForm *self)
{
  GtkWidget *editor = g_hash_table_lookup (self->editors,
                                           g_object_get_data (G_OBJECT (button), "question"));

  if (editor != NULL)
    focus_editor (self, editor);
}

/* The banner stays short; every missing question is also marked in the form. */
#define MAX_MISSING_SHOWN 4

static void
add_missing_button (ScReadingForm    *self,
                    const ScQuestion *q)
{
  GtkWidget *button = gtk_button_new_with_label (sc_text_get (q->text));
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, sc_text_get (q->text));
  g_object_set_data_full (G_OBJECT (button), "question", g_strdup (q->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (missing_clicked_cb), self);
  gtk_box_append (self->missing_box, button);
}

static void
show_missing (ScReadingForm *self,
              GPtrArray     *missing)
{
  g_autofree char *title = NULL;
  const ScQuestion *first = NULL;

  reveal_all (self);
  clear_missing (self);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Not submitted: %u required answer is missing",
                                        "Not submitted: %u required answers are missing",
                                        missing->len),
                           missing->len);
  gtk_label_set_label (self->missing_label, title);
  for (guint i = 0; i < missing->len; i++)
    {
      const ScQuestion *q = g_ptr_array_index (missing, i);
      GtkWidget *editor = g_hash_table_lookup (self->editors, q->id);

      if (i < MAX_MISSING_SHOWN)
        add_missing_button (self, q);
      if (editor != NULL)
        {
          sc_question_editor_set_missing (SC_QUESTION_EDITOR (editor), TRUE);
          if (first == NULL)
            first = q;
        }
    }
  if (missing->len > MAX_MISSING_SHOWN)
    {
      guint more = missing->len - MAX_MISSING_SHOWN;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "…and %u more, marked in the form",
                                                            "…and %u more, marked in the form",
                                                            more),
                                               more);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_box_append (self->missing_box, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->missing_revealer, TRUE);
  /* After the banner is laid out, so the scroll lands on the question. */
  if (first != NULL)
    sc_reading_form_focus_question (self, first->id);
}

static void
refresh_reading (ScReadingForm *self)
{
  g_autoptr (GError) error = NULL;
  ScReading *reading = sc_store_get_reading (self->context->store, self->reading->id, &error);

  if (reading == NULL)
    {
      g_warning ("Could not read the reading back: %s", error->message);
      return;
    }
  sc_reading_free (self->reading);
  self->reading = reading;
  show_status (self);
  g_signal_emit (self, signals[READING_CHANGED], 0, self->record->id);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScReadingForm *self = SC_READING_FORM (widget);
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GError) error = NULL;

  if (is_read_only (self) || self->instrument == NULL)
    return;
  save_now (self);
  if (g_hash_table_size (self->pending) > 0)
    return; /* the save failed; the toolbar says why */

  missing = sc_instrument_missing_answers (self->context->framework, self->instrument,
                                           self->values);
  if (missing->len > 0)
    {
      show_missing (self, missing);
      return;
    }
  if (!sc_store_submit_reading (self->context->store, self->reading->id, &error))
    {
      sc_inspection_toast (GTK_WIDGET (self), error->message);
      return;
    }
  clear_missing (self);
  refresh_reading (self);
  sc_inspection_toast (GTK_WIDGET (self), _("Reading submitted"));
}

static void
reopen_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ScReadingForm    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "reopen") || self->reading == NULL || self->context->store == NULL)
    return;
  if (!sc_store_reopen_reading (self->context->store, self->reading->id, reason, &error))
    {
      sc_inspection_toast (GTK_WIDGET (self), error->message);
      return;
    }
  refresh_reading (self);
  if (self->order->len > 0)
    sc_reading_form_focus_question (self, NULL);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "reopen", *reason != '\0');
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScReadingForm *self = SC_READING_FORM (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->reading == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Reopen the Reading?"),
                                   _("Say why it needs to change. The reason is kept in the "
                                     "audit log with your name."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for reopening"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason for reopening"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reopen", _("_Reopen"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reopen",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reopen", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reopen");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reopen_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
start_clicked_cb (ScReadingForm *self)
{
  g_autoptr (ScReading) reading = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRecord) record = NULL;

  if (self->record == NULL || self->context->store == NULL)
    return;
  reading = sc_store_open_reading (self->context->store, self->record->id, self->context->owner,
                                   &error);
  if (reading == NULL)
    {
      sc_inspection_toast (GTK_WIDGET (self), error->message);
      return;
    }
  record = copy_record (self->record);
  sc_reading_form_show (self, record, reading);
  g_signal_emit (self, signals[READING_CHANGED], 0, record->id);
  sc_reading_form_focus_question (self, NULL);
}

static void
back_clicked_cb (ScReadingForm *self)
{
  save_now (self);
  g_signal_emit (self, signals[BACK], 0);
}

static void
dismiss_missing_cb (ScReadingForm *self)
{
  gtk_revealer_set_reveal_child (self->missing_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_revealer), FALSE);
}

static void
concern_raised_cb (ScReadingForm *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->concern_button));
}

void
sc_reading_form_set_show_back (ScReadingForm *self,
                               gboolean       show)
{
  g_return_if_fail (SC_IS_READING_FORM (self));

  gtk_widget_set_visible (self->back_button, show);
}

static void
sc_reading_form_dispose (GObject *object)
{
  ScReadingForm *self = SC_READING_FORM (object);

  if (self->context != NULL)
    save_now (self);
  g_clear_handle_id (&self->build_source, g_source_remove);
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_signal_handler (&self->paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
  if (self->focus_source != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_source);
      self->focus_source = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_READING_FORM);
  G_OBJECT_CLASS (sc_reading_form_parent_class)->dispose (object);
}

static void
sc_reading_form_finalize (GObject *object)
{
  ScReadingForm *self = SC_READING_FORM (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  g_hash_table_unref (self->editors);
  g_ptr_array_unref (self->order);
  g_ptr_array_unref (self->groups);
  g_clear_pointer (&self->record, sc_record_free);
  g_clear_pointer (&self->reading, sc_reading_free);
  g_hash_table_unref (self->answers);
  g_hash_table_unref (self->values);
  g_hash_table_unref (self->pending);
  g_free (self->focus_target);
  G_OBJECT_CLASS (sc_reading_form_parent_class)->finalize (object);
}

static void
sc_reading_form_class_init (ScReadingFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_reading_form_dispose;
  object_class->finalize = sc_reading_form_finalize;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The reading of a record was started, submitted or reopened. */
  signals[READING_CHANGED] = g_signal_new ("reading-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-reading-form.ui");
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, box);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, back_button);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, saved_box);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, saved_icon);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, saved_label);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, concern_button);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, submit_button);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, submitted_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, submitted_label);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, missing_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, missing_label);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, missing_box);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, stack);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, start_page);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, start_button);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ScReadingForm, groups_box);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_missing_cb);

  gtk_widget_class_install_action (widget_class, "form.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "form.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "form.next-question", NULL,
                                   next_question_action);
  gtk_widget_class_install_action (widget_class, "form.previous-question", NULL,
                                   next_question_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* In the capture phase, so a text view never takes Ctrl+Enter as a new line. */
static void
add_shortcuts (ScReadingForm *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct
  {
    guint key;
    GdkModifierType mods;
    const char *action;
  } shortcuts[] = {
    { GDK_KEY_Return, GDK_CONTROL_MASK, "form.submit" },
    { GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "form.submit" },
    { GDK_KEY_Down, GDK_ALT_MASK, "form.next-question" },
    { GDK_KEY_Up, GDK_ALT_MASK, "form.previous-question" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_LOCAL);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (shortcuts[i].key, shortcuts[i].mods),
                        gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
sc_reading_form_init (ScReadingForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_hash_table_new (g_str_hash, g_str_equal);
  self->order = g_ptr_array_new ();
  self->groups = g_ptr_array_new ();
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) sc_answer_free);
  self->values = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_shortcuts (self);
  g_signal_connect (self, "map", G_CALLBACK (schedule_background), NULL);
}

GtkWidget *
sc_reading_form_new (ScInspectionContext *context)
{
  ScReadingForm *self = g_object_new (SC_TYPE_READING_FORM, NULL);

  self->context = sc_inspection_context_ref (context);
  self->concern_popover = sc_concern_popover_new (context);
  g_signal_connect_swapped (self->concern_popover, "raised", G_CALLBACK (concern_raised_cb),
                            self);
  gtk_menu_button_set_popover (self->concern_button, self->concern_popover);
  start_building (self);
  sc_reading_form_show (self, NULL, NULL);
  return GTK_WIDGET (self);
}
