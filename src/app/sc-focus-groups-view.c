/* sc-focus-groups-view.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspection's focus groups on the left, the notes of the one chosen on
 * the right, with a composer that saves a note as it is typed.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-focus-groups-view.h"
#include "sc-indicator-tags.h"
#include "sc-lint.h"
#include "sc-note-row.h"
#include "sc-reading-form.h"
#include "sc-scale-picker.h"
#include "sc-store-field.h"
#include "sc-text-field.h"

struct _ScFocusGroupsView
{
  GtkWidget parent_instance;

  AdwLeaflet *leaflet;
  GtkWidget *groups_list;
  GtkWidget *groups_stack;
  GtkWidget *add_button;
  GtkWidget *add_popover;
  GtkWidget *kind_row;
  GtkWidget *count_spin;
  GtkWidget *place_row;
  GtkWidget *date_row;
  GtkWidget *title_row;
  GtkWidget *add_problem;

  GtkWidget *notes_stack;
  GtkWidget *back_button;
  GtkWidget *group_title;
  GtkWidget *group_subtitle;
  GtkWidget *notes_scrolled;
  GtkWidget *notes_list;
  GtkWidget *kind_picker;
  GtkWidget *tags;
  GtkWidget *composer;
  GtkWidget *saved_label;

  ScInspectionContext *context;
  GPtrArray *groups;  /* ScFocusGroup* */
  ScFocusGroup *group; /* shown; borrowed from groups */
  char *note_id;      /* the note in the composer, once written */
  gboolean dirty;
  guint save_source;
};

G_DEFINE_FINAL_TYPE (ScFocusGroupsView, sc_focus_groups_view, GTK_TYPE_WIDGET)

static const ScNoteKind kinds[] = {
  SC_NOTE_STRENGTH, SC_NOTE_IMPROVEMENT, SC_NOTE_QUOTE, SC_NOTE_OBSERVATION,
};

static char *
group_title (const ScFocusGroup *group)
{
  if (group->title != NULL && *group->title != '\0')
    return g_strdup (group->title);
  /* Translators: who took part in a focus group and how many, e.g. "Social workers (8)" */
  return g_strdup_printf (_("%s (%d)"), group->participants_kind, group->participants_count);
}

static char *
group_subtitle (const ScFocusGroup *group)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (group->title != NULL && *group->title != '\0')
    g_string_append_printf (text, _("%s (%d)"), group->participants_kind,
                            group->participants_count);
  if (group->held_on != NULL && *group->held_on != '\0')
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", group->held_on);
  if (group->place != NULL && *group->place != '\0')
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", group->place);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The composer: a note is saved as it is typed */

static ScNoteKind
composer_kind (ScFocusGroupsView *self)
{
  g_autofree char *value = sc_scale_picker_get_value (SC_SCALE_PICKER (self->kind_picker));
  ScNoteKind kind = SC_NOTE_OBSERVATION;

  if (value != NULL)
    sc_note_kind_from_string (value, &kind);
  return kind;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
save_note (ScFocusGroupsView *self)
{
  g_autofree char *text = sc_text_field_get_text (SC_TEXT_FIELD (self->composer));
  g_autofree char *tags = sc_indicator_tags_get_tags (SC_INDICATOR_TAGS (self->tags));
  g_autoptr (GError) error = NULL;
  ScNoteKind kind = composer_kind (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->group == NULL)
    return;
  if (self->context->store == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->saved_label), _("Not saved: the store is closed"));
      return;
    }
  if (self->note_id == NULL && is_blank (text))
    {
      self->dirty = FALSE;
      return;
    }
  if (self->note_id == NULL)
    self->note_id = sc_store_add_note (self->context->store, self->group->id, text, kind, tags,
                                       &error);
  else
    sc_store_update_note (self->context->store, self->note_id, text, kind, tags, &error);
  if (error != NULL)
    {
      g_warning ("Could not save the note: %s", error->message);
      gtk_label_set_label (GTK_LABEL (self->saved_label), _("Not Saved"));
      gtk_widget_set_tooltip_text (self->saved_label, error->message);
      return;
    }
  self->dirty = FALSE;
  gtk_label_set_label (GTK_LABEL (self->saved_label), _("Saved"));
  gtk_widget_set_tooltip_text (self->saved_label, NULL);
}

static gboolean
save_cb (gpointer data)
{
  ScFocusGroupsView *self = data;

  self->save_source = 0;
  save_note (self);
  return G_SOURCE_REMOVE;
}

static void
composer_changed_cb (ScFocusGroupsView *self)
{
  self->dirty = TRUE;
  gtk_label_set_label (GTK_LABEL (self->saved_label), _("Saving…"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SC_READING_FORM_SAVE_DELAY_MS, save_cb, self);
}

static void
reset_composer (ScFocusGroupsView *self)
{
  g_clear_pointer (&self->note_id, g_free);
  sc_text_field_set_text (SC_TEXT_FIELD (self->composer), NULL);
  sc_indicator_tags_set_tags (SC_INDICATOR_TAGS (self->tags), NULL);
  self->dirty = FALSE;
  gtk_label_set_label (GTK_LABEL (self->saved_label), "");
}

static void load_notes (ScFocusGroupsView *self);

static void
finish_note (ScFocusGroupsView *self)
{
  save_note (self);
  if (self->dirty)
    return; /* not saved: keep it in the composer */
  reset_composer (self);
  load_notes (self);
  gtk_widget_grab_focus (self->composer);
}

static gboolean
composer_key_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 ScFocusGroupsView     *self)
{
  /* Enter ends a note and starts the next; Shift+Enter is a new line. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) &&
      !(state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)))
    {
      finish_note (self);
      return TRUE;
    }
  /* Alt+1…4 mark the note's kind without leaving the text. */
  if ((state & GDK_ALT_MASK) && keyval >= GDK_KEY_1 && keyval < GDK_KEY_1 + G_N_ELEMENTS (kinds))
    {
      sc_scale_picker_set_value (SC_SCALE_PICKER (self->kind_picker),
                                 sc_note_kind_to_string (kinds[keyval - GDK_KEY_1]));
      composer_changed_cb (self);
      return TRUE;
    }
  return FALSE;
}

static void
edit_note_cb (ScNoteRow         *row,
              ScFocusGroupsView *self)
{
  const ScNote *note = sc_note_row_get_note (row);

  save_note (self);
  reset_composer (self);
  self->note_id = g_strdup (note->id);
  sc_text_field_set_text (SC_TEXT_FIELD (self->composer), note->text);
  sc_scale_picker_set_value (SC_SCALE_PICKER (self->kind_picker),
                             sc_note_kind_to_string (note->kind));
  sc_indicator_tags_set_tags (SC_INDICATOR_TAGS (self->tags), note->indicators);
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  gtk_widget_grab_focus (self->composer);
}

/* The notes of the group shown */

static gboolean
scroll_to_end_cb (gpointer data)
{
  GtkAdjustment *adjustment = data;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return G_SOURCE_REMOVE;
}

static void
load_notes (ScFocusGroupsView *self)
{
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->notes_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->notes_list), child);
  if (self->group == NULL || self->context->store == NULL)
    return;

  notes = sc_store_list_notes (self->context->store, self->group->id, &error);
  if (notes == NULL)
    {
      g_warning ("Could not list the notes: %s", error->message);
      return;
    }
  title = group_title (self->group);
  g_ptr_array_set_free_func (notes, NULL);
  for (guint i = 0; i < notes->len; i++)
    {
      ScNote *note = g_ptr_array_index (notes, i);
      GtkWidget *row;

      /* Empty drafts, and the one being typed, are not part of the stream. */
      if (*note->text == '\0' || g_strcmp0 (note->id, self->note_id) == 0)
        {
          sc_note_free (note);
          continue;
        }
      row = sc_note_row_new (self->context, note, title);
      g_signal_connect (row, "edit", G_CALLBACK (edit_note_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (self->notes_list), row);
    }
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_end_cb,
                   g_object_ref (gtk_scrolled_window_get_vadjustment (
                     GTK_SCROLLED_WINDOW (self->notes_scrolled))),
                   g_object_unref);
}

static void
show_group (ScFocusGroupsView *self,
            ScFocusGroup      *group)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  save_note (self);
  reset_composer (self);
  self->group = group;
  if (group == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->notes_stack), "empty");
      return;
    }
  title = group_title (group);
  subtitle = group_subtitle (group);
  gtk_label_set_label (GTK_LABEL (self->group_title), title);
  gtk_label_set_label (GTK_LABEL (self->group_subtitle), subtitle);
  gtk_stack_set_visible_child_name (GTK_STACK (self->notes_stack), "notes");
  load_notes (self);
}

static void
group_activated_cb (GtkListBox        *list,
                    GtkListBoxRow     *row,
                    ScFocusGroupsView *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || (guint) index >= self->groups->len)
    return;
  show_group (self, g_ptr_array_index (self->groups, index));
  adw_leaflet_set_visible_child_name (self->leaflet, "notes");
  gtk_widget_grab_focus (self->composer);
}

static GtkWidget *
add_group_row (ScFocusGroupsView  *self,
               const ScFocusGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = group_title (group);
  g_autofree char *subtitle = group_subtitle (group);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_append (GTK_LIST_BOX (self->groups_list), row);
  gtk_stack_set_visible_child_name (GTK_STACK (self->groups_stack), "list");
  return row;
}

static GtkWidget *
remember_group (ScFocusGroupsView *self,
                ScFocusGroup      *group)
{
  g_ptr_array_add (self->groups, group);
  /* The evidence for evaluations is gathered from these groups' notes. */
  if (!g_ptr_array_find_with_equal_func (self->context->focus_groups, group->id, g_str_equal,
                                         NULL))
    g_ptr_array_add (self->context->focus_groups, g_strdup (group->id));
  return add_group_row (self, group);
}

static void
load_groups (ScFocusGroupsView *self)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GError) error = NULL;

  if (self->context->store == NULL)
    return;
  groups = sc_store_list_focus_groups (self->context->store, self->context->inspection, &error);
  if (groups == NULL)
    {
      g_warning ("Could not list the focus groups: %s", error->message);
      return;
    }
  g_ptr_array_set_free_func (groups, NULL);
  for (guint i = 0; i < groups->len; i++)
    remember_group (self, g_ptr_array_index (groups, i));
}

/* Adding a focus group */

static char *
entry_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
names_someone (const char *text)
{
  g_autoptr (GPtrArray) findings = sc_lint_check (text, -1);

  return findings->len > 0;
}

static void
add_group_cb (ScFocusGroupsView *self)
{
  g_autofree char *kind = entry_text (self->kind_row);
  g_autofree char *place = entry_text (self->place_row);
  g_autofree char *date = entry_text (self->date_row);
  g_autofree char *title = entry_text (self->title_row);
  ScFocusGroup spec = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  ScFocusGroup *group;

  if (self->context->store == NULL)
    return;
  if (names_someone (kind) || names_someone (place) || names_someone (title))
    {
      gtk_label_set_label (GTK_LABEL (self->add_problem),
                           _("This looks like it names someone: describe who took part by "
                             "role, never by name"));
      gtk_widget_set_visible (self->add_problem, TRUE);
      return;
    }
  spec.inspection = self->context->inspection;
  spec.title = title;
  spec.participants_kind = kind;
  spec.participants_count = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->count_spin));
  spec.held_on = *date ? date : NULL;
  spec.place = place;
  id = sc_store_add_focus_group (self->context->store, &spec, &error);
  if (id == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->add_problem), error->message);
      gtk_widget_set_visible (self->add_problem, TRUE);
      return;
    }
  group = g_new0 (ScFocusGroup, 1);
  group->id = g_steal_pointer (&id);
  group->inspection = g_strdup (self->context->inspection);
  group->title = g_strdup (title);
  group->participants_kind = g_strdup (kind);
  group->participants_count = spec.participants_count;
  group->held_on = g_strdup (spec.held_on);
  group->place = g_strdup (place);
  group->facilitator = g_strdup (self->context->owner);
  gtk_list_box_select_row (GTK_LIST_BOX (self->groups_list),
                           GTK_LIST_BOX_ROW (remember_group (self, group)));

  gtk_editable_set_text (GTK_EDITABLE (self->kind_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "");
  gtk_popover_popdown (GTK_POPOVER (self->add_popover));
  show_group (self, group);
  adw_leaflet_set_visible_child_name (self->leaflet, "notes");
  gtk_widget_grab_focus (self->composer);
}

static void
add_shown_cb (ScFocusGroupsView *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_widget_set_visible (self->add_problem, FALSE);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->date_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_widget_grab_focus (self->kind_row);
}

static GtkWidget *
entry_row (ScFocusGroupsView *self,
           GtkWidget         *list,
           const char        *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (add_group_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
build_add_popover (ScFocusGroupsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("New Focus Group"));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *count_row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add Focus Group"));

  gtk_widget_set_size_request (box, 320, -1);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->kind_row = entry_row (self, list, _("Who took part, e.g. “social workers”"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (count_row), _("How many"));
  self->count_spin = gtk_spin_button_new_with_range (0, 500, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count_spin), 6);
  gtk_widget_set_valign (self->count_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("How many took part"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (count_row), self->count_spin);
  gtk_list_box_append (GTK_LIST_BOX (list), count_row);
  self->date_row = entry_row (self, list, _("When (YYYY-MM-DD)"));
  self->place_row = entry_row (self, list, _("Where"));
  self->title_row = entry_row (self, list, _("Title (optional)"));
  gtk_box_append (GTK_BOX (box), list);

  self->add_problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->add_problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->add_problem), 0);
  gtk_widget_add_css_class (self->add_problem, "error");
  gtk_widget_set_visible (self->add_problem, FALSE);
  gtk_box_append (GTK_BOX (box), self->add_problem);

  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_group_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  self->add_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->add_popover), box);
  g_signal_connect_swapped (self->add_popover, "show", G_CALLBACK (add_shown_cb), self);
  return self->add_popover;
}

static GtkWidget *
build_sidebar (ScFocusGroupsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (_("Focus Groups"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  gtk_widget_set_size_request (box, 280, -1);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_box_append (GTK_BOX (toolbar), label);
  self->add_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->add_button), "list-add-symbolic");
  gtk_widget_set_tooltip_text (self->add_button, _("New Focus Group"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Focus Group"), -1);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->add_button), build_add_popover (self));
  gtk_box_append (GTK_BOX (toolbar), self->add_button);
  gtk_box_append (GTK_BOX (box), toolbar);

  self->groups_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->groups_list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->groups_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Focus Groups"), -1);
  g_signal_connect (self->groups_list, "row-activated", G_CALLBACK (group_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->groups_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Focus Groups"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Add one with the + button, then take notes as people "
                                     "speak."));
  gtk_widget_add_css_class (empty, "compact");
  self->groups_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->groups_stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->groups_stack), scrolled, "list");
  gtk_widget_set_vexpand (self->groups_stack, TRUE);
  gtk_box_append (GTK_BOX (box), self->groups_stack);
  return box;
}

static void
back_cb (ScFocusGroupsView *self)
{
  save_note (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkWidget *
build_composer (ScFocusGroupsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _Note"));
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->kind_picker = sc_scale_picker_new (FALSE, 4);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    sc_scale_picker_add_option (SC_SCALE_PICKER (self->kind_picker),
                                sc_note_kind_to_string (kinds[i]), NULL,
                                sc_note_kind_label (kinds[i]), NULL, GDK_KEY_1 + i);
  sc_scale_picker_set_value (SC_SCALE_PICKER (self->kind_picker),
                             sc_note_kind_to_string (SC_NOTE_OBSERVATION));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_picker),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of note"), -1);
  g_signal_connect_swapped (self->kind_picker, "changed", G_CALLBACK (composer_changed_cb), self);
  gtk_box_append (GTK_BOX (box), self->kind_picker);

  self->composer = sc_text_field_new (_("Note"));
  sc_text_field_set_placeholder (SC_TEXT_FIELD (self->composer),
                                 _("What was said or seen. Enter adds the note; Alt+1…4 mark "
                                   "its kind"));
  g_signal_connect_swapped (self->composer, "changed", G_CALLBACK (composer_changed_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (composer_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (sc_text_field_get_view (SC_TEXT_FIELD (self->composer))),
                             keys);
  gtk_box_append (GTK_BOX (box), self->composer);

  self->tags = sc_indicator_tags_new (self->context->framework);
  g_signal_connect_swapped (self->tags, "changed", G_CALLBACK (composer_changed_cb), self);
  gtk_widget_set_hexpand (self->tags, TRUE);
  gtk_box_append (GTK_BOX (row), self->tags);
  self->saved_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->saved_label, "dim-label");
  gtk_widget_add_css_class (self->saved_label, "caption");
  gtk_box_append (GTK_BOX (row), self->saved_label);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (finish_note), self);
  gtk_box_append (GTK_BOX (row), add);
  gtk_box_append (GTK_BOX (box), row);

  gtk_widget_add_css_class (box, "sc-composer");
  return box;
}

static GtkWidget *
build_notes (ScFocusGroupsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *empty = adw_status_page_new ();

  gtk_widget_add_css_class (header, "toolbar");
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Focus Groups"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the focus groups"),
                                  -1);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_cb), self);
  gtk_box_append (GTK_BOX (header), self->back_button);
  self->group_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->group_title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->group_title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->group_title, "heading");
  gtk_box_append (GTK_BOX (titles), self->group_title);
  self->group_subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->group_subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->group_subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->group_subtitle, "caption");
  gtk_widget_add_css_class (self->group_subtitle, "dim-label");
  gtk_box_append (GTK_BOX (titles), self->group_subtitle);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (box), header);

  self->notes_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->notes_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->notes_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_widget_add_css_class (clamp, "sc-page-content");
  adw_clamp_set_child (ADW_CLAMP (clamp), self->notes_list);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  self->notes_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->notes_scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->notes_scrolled), clamp);
  gtk_widget_set_vexpand (self->notes_scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), self->notes_scrolled);
  {
    GtkWidget *composer_clamp = adw_clamp_new ();

    adw_clamp_set_maximum_size (ADW_CLAMP (composer_clamp), 860);
    adw_clamp_set_child (ADW_CLAMP (composer_clamp), build_composer (self));
    gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    gtk_box_append (GTK_BOX (box), composer_clamp);
  }

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "chat-message-new-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Focus Group Selected"));
  self->notes_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->notes_stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->notes_stack), box, "notes");
  gtk_widget_set_hexpand (self->notes_stack, TRUE);
  gtk_widget_set_size_request (self->notes_stack, 360, -1);
  return self->notes_stack;
}

static void
folded_cb (ScFocusGroupsView *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

void
sc_focus_groups_view_flush (ScFocusGroupsView *self)
{
  g_return_if_fail (SC_IS_FOCUS_GROUPS_VIEW (self));

  save_note (self);
}

char *
sc_focus_groups_view_save_state (ScFocusGroupsView *self)
{
  g_return_val_if_fail (SC_IS_FOCUS_GROUPS_VIEW (self), NULL);

  return g_strdup (self->group != NULL ? self->group->id : "");
}

void
sc_focus_groups_view_restore_state (ScFocusGroupsView *self,
                                    const char        *state)
{
  g_return_if_fail (SC_IS_FOCUS_GROUPS_VIEW (self));

  for (guint i = 0; state != NULL && i < self->groups->len; i++)
    {
      ScFocusGroup *group = g_ptr_array_index (self->groups, i);

      if (g_str_equal (group->id, state))
        {
          show_group (self, group);
          adw_leaflet_set_visible_child_name (self->leaflet, "notes");
        }
    }
}

static void
sc_focus_groups_view_dispose (GObject *object)
{
  ScFocusGroupsView *self = SC_FOCUS_GROUPS_VIEW (object);

  if (self->context != NULL)
    save_note (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->leaflet != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->leaflet));
      self->leaflet = NULL;
    }
  G_OBJECT_CLASS (sc_focus_groups_view_parent_class)->dispose (object);
}

static void
sc_focus_groups_view_finalize (GObject *object)
{
  ScFocusGroupsView *self = SC_FOCUS_GROUPS_VIEW (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  g_ptr_array_unref (self->groups);
  g_free (self->note_id);
  G_OBJECT_CLASS (sc_focus_groups_view_parent_class)->finalize (object);
}

static void
sc_focus_groups_view_class_init (ScFocusGroupsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_focus_groups_view_dispose;
  object_class->finalize = sc_focus_groups_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sc_focus_groups_view_init (ScFocusGroupsView *self)
{
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_focus_group_free);
}

GtkWidget *
sc_focus_groups_view_new (ScInspectionContext *context)
{
  ScFocusGroupsView *self = g_object_new (SC_TYPE_FOCUS_GROUPS_VIEW, NULL);
  AdwLeafletPage *page;

  self->context = sc_inspection_context_ref (context);
  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->leaflet), GTK_WIDGET (self));
  page = adw_leaflet_append (self->leaflet, build_sidebar (self));
  adw_leaflet_page_set_name (page, "groups");
  page = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (page, FALSE);
  page = adw_leaflet_append (self->leaflet, build_notes (self));
  adw_leaflet_page_set_name (page, "notes");
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  folded_cb (self);
  load_groups (self);
  show_group (self, NULL);
  return GTK_WIDGET (self);
}
