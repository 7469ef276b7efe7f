"""Block groups and help texts; related stories move out of the story body.

A story had two places for stories to read next: a related-stories block in its
body and its ``related_stories`` field. The body no longer offers the block, so
each stored one moves to the end of the page's ``related_stories`` field, in the
live page and in every revision (drafts and history), before the body's
definition changes; nothing is dropped. Blocks that both pick stories by hand
are merged into one, keeping each story once; anything else is kept side by side
for the editor to choose between on the next edit. A meeting body keeps the block.

A site with its own story page type (``StoryPageMixin``) runs
``move_related_stories(apps, schema_editor, "<app_label>", "<model_name>")`` in a
migration of its own, depending on this one.
"""

import json

import django.core.validators
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models

BLOCK = "related_stories"


def _raw(stream):
    """A stored stream as a list of block dicts, whatever form it comes in."""
    if stream is None or stream == "":
        return []
    if isinstance(stream, str):
        return json.loads(stream)
    raw = getattr(stream, "raw_data", stream)
    return [dict(item) for item in raw]


def _merge(blocks):
    """Blocks that only pick stories by hand become one, each story once; others stay."""
    if len(blocks) < 2:
        return blocks
    chosen_only = all(
        (b.get("value") or {}).get("stories") and not (b.get("value") or {}).get("field_of_work")
        for b in blocks
    )
    if not chosen_only:
        return blocks
    first = dict(blocks[0])
    value = dict(first["value"])
    seen, stories = set(), []
    for block in blocks:
        for item in block["value"]["stories"]:
            key = item.get("value") if isinstance(item, dict) else item
            if key not in seen:
                seen.add(key)
                stories.append(item)
    value["stories"] = stories
    first["value"] = value
    return [first]


def split_body(body, related):
    """``(body, related)`` with every related-stories block of ``body`` moved to ``related``."""
    moved = [block for block in body if block.get("type") == BLOCK]
    if not moved:
        return body, related, False
    kept = [block for block in body if block.get("type") != BLOCK]
    return kept, _merge([*related, *moved]), True


def move_related_stories(apps, schema_editor, app_label="wagtail_osce", model_name="storypage"):
    """Move stored related-stories body blocks of one story page model, pages and revisions."""
    model = apps.get_model(app_label, model_name)
    # The stored JSON as it is: loading it through the field would drop block types the
    # field's definition no longer has (a site may run this after changing its body).
    connection = schema_editor.connection if schema_editor is not None else None
    if connection is None:
        from django.db import connection
    quote = connection.ops.quote_name
    pk_column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(pk_column)}, {quote('body')}, {quote(BLOCK)} "
            f"FROM {quote(model._meta.db_table)}"
        )
        rows = cursor.fetchall()
    for pk, stored_body, stored_related in rows:
        body, related, changed = split_body(_raw(stored_body), _raw(stored_related))
        if changed:
            model.objects.filter(pk=pk).update(body=body, related_stories=related)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content or {}
        body, related, changed = split_body(
            _raw(content.get("body")), _raw(content.get(BLOCK))
        )
        if changed:
            was_string = isinstance(content.get("body"), str)
            content["body"] = json.dumps(body) if was_string else body
            content[BLOCK] = json.dumps(related) if was_string else related
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_osce', '0005_content_version'),
    ]

    operations = [
        # First, while the body still knows the block.
        migrations.RunPython(move_related_stories, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='meetingindexpage',
            name='intro',
            field=wagtail.fields.RichTextField(blank=True, help_text='A few sentences above the list of meetings.', verbose_name='introduction'),
        ),
        migrations.AlterField(
            model_name='meetingpage',
            name='body',
            field=wagtail.fields.StreamField([('rich_text', 0), ('heading', 4), ('quote', 8), ('fact_box', 11), ('image', 17), ('gallery', 20), ('video', 23), ('document_list', 29), ('download', 31), ('key_figures', 36), ('timeline', 41), ('table', 45), ('states', 49), ('structures', 52), ('fields_of_work', 55), ('upcoming_meetings', 59), ('link', 64), ('call_to_action', 67), ('accordion', 69), ('related_stories', 75)], blank=True, block_lookup={0: ('wagtail_osce.blocks.text.RichTextBlock', (), {}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Text', 'max_length': 255}), 2: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Heading 2'), ('h3', 'Heading 3'), ('h4', 'Heading 4')], 'help_text': 'Level 2 for sections, 3 and 4 for subsections.', 'label': 'Level'}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'The part of a link to this heading after #, e.g. key-findings. Leave empty to derive it from the text.', 'label': 'Anchor', 'max_length': 80, 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('text', 1), ('level', 2), ('anchor', 3)]], {}), 5: ('wagtail.blocks.TextBlock', (), {'label': 'Quotation'}), 6: ('wagtail.blocks.CharBlock', (), {'help_text': 'Who said or wrote it, e.g. Helga Maria Schmid.', 'label': 'Attribution', 'max_length': 255, 'required': False}), 7: ('wagtail.blocks.CharBlock', (), {'help_text': 'Their function, e.g. OSCE Secretary General.', 'label': 'Role', 'max_length': 255, 'required': False}), 8: ('wagtail.blocks.StructBlock', [[('text', 5), ('attribution', 6), ('role', 7)]], {}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 255}), 10: ('wagtail_osce.blocks.text.RichTextBlock', (), {'label': 'Body'}), 11: ('wagtail.blocks.StructBlock', [[('title', 9), ('body', 10)]], {}), 12: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 13: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the image shows, for people who cannot see it. Required unless the image is decorative or its description in the image library already says it.', 'label': 'Alt text', 'max_length': 255, 'required': False}), 14: ('wagtail.blocks.BooleanBlock', (), {'default': False, 'help_text': 'Tick only if the image adds nothing to the text: screen readers skip it.', 'label': 'Decorative image', 'required': False}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 500, 'required': False}), 16: ('wagtail.blocks.CharBlock', (), {'help_text': 'The photographer\'s name only, e.g. Micky Kroell: shown as "OSCE/Micky Kroell".', 'label': 'Credit', 'max_length': 255, 'required': False}), 17: ('wagtail.blocks.StructBlock', [[('image', 12), ('alt_text', 13), ('decorative', 14), ('caption', 15), ('credit', 16)]], {}), 18: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 255, 'required': False}), 19: ('wagtail.blocks.ListBlock', (17,), {'label': 'Images', 'min_num': 2}), 20: ('wagtail.blocks.StructBlock', [[('title', 18), ('images', 19)]], {}), 21: ('wagtail.blocks.URLBlock', (), {'help_text': 'The address of the video on YouTube, Vimeo or another embeddable provider.', 'label': 'Video URL'}), 22: ('wagtail.blocks.TextBlock', (), {'help_text': 'What is said and shown, for people who cannot watch or hear the video.', 'label': 'Transcript', 'required': False}), 23: ('wagtail.blocks.StructBlock', [[('url', 21), ('caption', 15), ('transcript', 22)]], {}), 24: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave empty to use the document's own title.", 'label': 'Title', 'max_length': 255, 'required': False}), 25: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 26: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('en', 'English'), ('fr', 'French'), ('de', 'German'), ('it', 'Italian'), ('ru', 'Russian'), ('es', 'Spanish'), ('other', 'Other language')], 'label': 'Language'}), 27: ('wagtail.blocks.StructBlock', [[('title', 24), ('document', 25), ('language', 26)]], {}), 28: ('wagtail.blocks.ListBlock', (27,), {'label': 'Documents', 'min_num': 1}), 29: ('wagtail.blocks.StructBlock', [[('title', 18), ('items', 28)]], {}), 30: ('wagtail.blocks.TextBlock', (), {'label': 'Description', 'required': False}), 31: ('wagtail.blocks.StructBlock', [[('document', 25), ('title', 24), ('description', 30)]], {}), 32: ('wagtail.blocks.CharBlock', (), {'help_text': 'The number as it should read, e.g. 57, 1,200 km or €138.2m.', 'label': 'Figure', 'max_length': 30, 'required': False}), 33: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the figure counts, e.g. participating States.', 'label': 'Label', 'max_length': 255, 'required': False}), 34: ('wagtail.blocks.StructBlock', [[('value', 32), ('label', 33)]], {}), 35: ('wagtail.blocks.ListBlock', (34,), {'label': 'Figures', 'min_num': 1}), 36: ('wagtail.blocks.StructBlock', [[('title', 18), ('figures', 35)]], {}), 37: ('wagtail.blocks.DateBlock', (), {'label': 'Date'}), 38: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'required': False}), 39: ('wagtail.blocks.StructBlock', [[('date', 37), ('title', 9), ('text', 38)]], {}), 40: ('wagtail.blocks.ListBlock', (39,), {'label': 'Events', 'min_num': 1}), 41: ('wagtail.blocks.StructBlock', [[('title', 18), ('events', 40)]], {}), 42: ('wagtail.blocks.CharBlock', (), {'label': 'Text', 'required': False}), 43: ('wagtail.blocks.DecimalBlock', (), {'label': 'Number', 'required': False}), 44: ('wagtail_osce.blocks.text.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link'], 'label': 'Rich text', 'required': False}), 45: ('wagtail.contrib.typed_table_block.blocks.TypedTableBlock', [[('text', 42), ('number', 43), ('rich_text', 44)]], {}), 46: ('wagtail.blocks.CharBlock', (), {'help_text': 'Shown above the list; leave empty for none.', 'label': 'Heading', 'max_length': 255, 'required': False}), 47: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.ParticipatingState',), {'label': 'State'}), 48: ('wagtail.blocks.ListBlock', (47,), {'label': 'Participating States', 'min_num': 1}), 49: ('wagtail.blocks.StructBlock', [[('heading', 46), ('states', 48)]], {}), 50: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.Structure',), {'label': 'Structure'}), 51: ('wagtail.blocks.ListBlock', (50,), {'label': 'Structures', 'min_num': 1}), 52: ('wagtail.blocks.StructBlock', [[('heading', 46), ('structures', 51)]], {}), 53: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.FieldOfWork',), {'label': 'Field of work'}), 54: ('wagtail.blocks.ListBlock', (53,), {'label': 'Fields of work', 'min_num': 1}), 55: ('wagtail.blocks.StructBlock', [[('heading', 46), ('fields_of_work', 54)]], {}), 56: ('wagtail.blocks.CharBlock', (), {'default': 'Upcoming meetings', 'label': 'Heading', 'max_length': 255, 'required': False}), 57: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.MeetingSeries',), {'help_text': 'Only meetings of this series; leave empty for all meetings.', 'label': 'Series', 'required': False}), 58: ('wagtail.blocks.IntegerBlock', (), {'default': 3, 'help_text': 'How many meetings to show.', 'label': 'Number', 'max_value': 12, 'min_value': 1}), 59: ('wagtail.blocks.StructBlock', [[('heading', 56), ('series', 57), ('count', 58)]], {}), 60: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page', 'required': False}), 61: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document', 'required': False}), 62: ('wagtail.blocks.URLBlock', (), {'label': 'External URL', 'required': False}), 63: ('wagtail.blocks.CharBlock', (), {'help_text': 'Leave empty to use the title of the page or document, or the address.', 'label': 'Link text', 'max_length': 255, 'required': False}), 64: ('wagtail.blocks.StructBlock', [[('page', 60), ('document', 61), ('url', 62), ('text', 63)]], {}), 65: ('wagtail.blocks.CharBlock', (), {'help_text': 'A verb, e.g. Apply now.', 'label': 'Button label', 'max_length': 60}), 66: ('wagtail.blocks.StructBlock', [[('page', 60), ('document', 61), ('url', 62), ('text', 63)]], {'label': 'Link'}), 67: ('wagtail.blocks.StructBlock', [[('title', 9), ('text', 38), ('button_label', 65), ('link', 66)]], {}), 68: ('wagtail.blocks.ListBlock', (11,), {'label': 'Sections', 'min_num': 1}), 69: ('wagtail.blocks.StructBlock', [[('title', 18), ('items', 68)]], {}), 70: ('wagtail.blocks.CharBlock', (), {'default': 'Related stories', 'label': 'Heading', 'max_length': 255, 'required': False}), 71: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Story', 'page_type': ['wagtail_osce.StoryPage']}), 72: ('wagtail.blocks.ListBlock', (71,), {'default': [], 'help_text': 'Pick stories here, or leave empty and choose a field of work below.', 'label': 'Chosen stories'}), 73: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.FieldOfWork',), {'help_text': 'Show the latest stories in this field of work instead of chosen ones.', 'label': 'Field of work', 'required': False}), 74: ('wagtail.blocks.IntegerBlock', (), {'default': 3, 'help_text': 'How many of the latest stories to show.', 'label': 'Number', 'max_value': 12, 'min_value': 1}), 75: ('wagtail.blocks.StructBlock', [[('heading', 70), ('stories', 72), ('field_of_work', 73), ('count', 74)]], {})}, verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='meetingpage',
            name='city',
            field=models.CharField(blank=True, help_text='The city as readers of this language write it, such as Vienna.', max_length=255, verbose_name='city'),
        ),
        migrations.AlterField(
            model_name='meetingpage',
            name='end',
            field=models.DateTimeField(help_text='When the last session closes; the same as the start for a one-day event.', verbose_name='end'),
        ),
        migrations.AlterField(
            model_name='meetingpage',
            name='start',
            field=models.DateTimeField(help_text="When the first session opens, in the site's time zone.", verbose_name='start'),
        ),
        migrations.AlterField(
            model_name='meetingpage',
            name='venue',
            field=models.CharField(blank=True, help_text='The building or conference centre, such as the Hofburg.', max_length=255, verbose_name='venue'),
        ),
        migrations.AlterField(
            model_name='participatingstate',
            name='note',
            field=models.TextField(blank=True, help_text='For editors only, such as where a name or date comes from: never shown to readers, the same in every language and not offered for translation.', validators=[django.core.validators.ProhibitNullCharactersValidator()], verbose_name='internal note'),
        ),
        migrations.AlterField(
            model_name='storyindexpage',
            name='intro',
            field=wagtail.fields.RichTextField(blank=True, help_text='A few sentences above the list of stories.', verbose_name='introduction'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='body',
            field=wagtail.fields.StreamField([('rich_text', 0), ('heading', 4), ('quote', 8), ('fact_box', 11), ('image', 17), ('gallery', 20), ('video', 23), ('document_list', 29), ('download', 31), ('key_figures', 36), ('timeline', 41), ('table', 45), ('states', 49), ('structures', 52), ('fields_of_work', 55), ('upcoming_meetings', 59), ('link', 64), ('call_to_action', 67), ('accordion', 69)], blank=True, block_lookup={0: ('wagtail_osce.blocks.text.RichTextBlock', (), {}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Text', 'max_length': 255}), 2: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Heading 2'), ('h3', 'Heading 3'), ('h4', 'Heading 4')], 'help_text': 'Level 2 for sections, 3 and 4 for subsections.', 'label': 'Level'}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'The part of a link to this heading after #, e.g. key-findings. Leave empty to derive it from the text.', 'label': 'Anchor', 'max_length': 80, 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('text', 1), ('level', 2), ('anchor', 3)]], {}), 5: ('wagtail.blocks.TextBlock', (), {'label': 'Quotation'}), 6: ('wagtail.blocks.CharBlock', (), {'help_text': 'Who said or wrote it, e.g. Helga Maria Schmid.', 'label': 'Attribution', 'max_length': 255, 'required': False}), 7: ('wagtail.blocks.CharBlock', (), {'help_text': 'Their function, e.g. OSCE Secretary General.', 'label': 'Role', 'max_length': 255, 'required': False}), 8: ('wagtail.blocks.StructBlock', [[('text', 5), ('attribution', 6), ('role', 7)]], {}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 255}), 10: ('wagtail_osce.blocks.text.RichTextBlock', (), {'label': 'Body'}), 11: ('wagtail.blocks.StructBlock', [[('title', 9), ('body', 10)]], {}), 12: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 13: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the image shows, for people who cannot see it. Required unless the image is decorative or its description in the image library already says it.', 'label': 'Alt text', 'max_length': 255, 'required': False}), 14: ('wagtail.blocks.BooleanBlock', (), {'default': False, 'help_text': 'Tick only if the image adds nothing to the text: screen readers skip it.', 'label': 'Decorative image', 'required': False}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 500, 'required': False}), 16: ('wagtail.blocks.CharBlock', (), {'help_text': 'The photographer\'s name only, e.g. Micky Kroell: shown as "OSCE/Micky Kroell".', 'label': 'Credit', 'max_length': 255, 'required': False}), 17: ('wagtail.blocks.StructBlock', [[('image', 12), ('alt_text', 13), ('decorative', 14), ('caption', 15), ('credit', 16)]], {}), 18: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 255, 'required': False}), 19: ('wagtail.blocks.ListBlock', (17,), {'label': 'Images', 'min_num': 2}), 20: ('wagtail.blocks.StructBlock', [[('title', 18), ('images', 19)]], {}), 21: ('wagtail.blocks.URLBlock', (), {'help_text': 'The address of the video on YouTube, Vimeo or another embeddable provider.', 'label': 'Video URL'}), 22: ('wagtail.blocks.TextBlock', (), {'help_text': 'What is said and shown, for people who cannot watch or hear the video.', 'label': 'Transcript', 'required': False}), 23: ('wagtail.blocks.StructBlock', [[('url', 21), ('caption', 15), ('transcript', 22)]], {}), 24: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave empty to use the document's own title.", 'label': 'Title', 'max_length': 255, 'required': False}), 25: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 26: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('en', 'English'), ('fr', 'French'), ('de', 'German'), ('it', 'Italian'), ('ru', 'Russian'), ('es', 'Spanish'), ('other', 'Other language')], 'label': 'Language'}), 27: ('wagtail.blocks.StructBlock', [[('title', 24), ('document', 25), ('language', 26)]], {}), 28: ('wagtail.blocks.ListBlock', (27,), {'label': 'Documents', 'min_num': 1}), 29: ('wagtail.blocks.StructBlock', [[('title', 18), ('items', 28)]], {}), 30: ('wagtail.blocks.TextBlock', (), {'label': 'Description', 'required': False}), 31: ('wagtail.blocks.StructBlock', [[('document', 25), ('title', 24), ('description', 30)]], {}), 32: ('wagtail.blocks.CharBlock', (), {'help_text': 'The number as it should read, e.g. 57, 1,200 km or €138.2m.', 'label': 'Figure', 'max_length': 30, 'required': False}), 33: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the figure counts, e.g. participating States.', 'label': 'Label', 'max_length': 255, 'required': False}), 34: ('wagtail.blocks.StructBlock', [[('value', 32), ('label', 33)]], {}), 35: ('wagtail.blocks.ListBlock', (34,), {'label': 'Figures', 'min_num': 1}), 36: ('wagtail.blocks.StructBlock', [[('title', 18), ('figures', 35)]], {}), 37: ('wagtail.blocks.DateBlock', (), {'label': 'Date'}), 38: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'required': False}), 39: ('wagtail.blocks.StructBlock', [[('date', 37), ('title', 9), ('text', 38)]], {}), 40: ('wagtail.blocks.ListBlock', (39,), {'label': 'Events', 'min_num': 1}), 41: ('wagtail.blocks.StructBlock', [[('title', 18), ('events', 40)]], {}), 42: ('wagtail.blocks.CharBlock', (), {'label': 'Text', 'required': False}), 43: ('wagtail.blocks.DecimalBlock', (), {'label': 'Number', 'required': False}), 44: ('wagtail_osce.blocks.text.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link'], 'label': 'Rich text', 'required': False}), 45: ('wagtail.contrib.typed_table_block.blocks.TypedTableBlock', [[('text', 42), ('number', 43), ('rich_text', 44)]], {}), 46: ('wagtail.blocks.CharBlock', (), {'help_text': 'Shown above the list; leave empty for none.', 'label': 'Heading', 'max_length': 255, 'required': False}), 47: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.ParticipatingState',), {'label': 'State'}), 48: ('wagtail.blocks.ListBlock', (47,), {'label': 'Participating States', 'min_num': 1}), 49: ('wagtail.blocks.StructBlock', [[('heading', 46), ('states', 48)]], {}), 50: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.Structure',), {'label': 'Structure'}), 51: ('wagtail.blocks.ListBlock', (50,), {'label': 'Structures', 'min_num': 1}), 52: ('wagtail.blocks.StructBlock', [[('heading', 46), ('structures', 51)]], {}), 53: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.FieldOfWork',), {'label': 'Field of work'}), 54: ('wagtail.blocks.ListBlock', (53,), {'label': 'Fields of work', 'min_num': 1}), 55: ('wagtail.blocks.StructBlock', [[('heading', 46), ('fields_of_work', 54)]], {}), 56: ('wagtail.blocks.CharBlock', (), {'default': 'Upcoming meetings', 'label': 'Heading', 'max_length': 255, 'required': False}), 57: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.MeetingSeries',), {'help_text': 'Only meetings of this series; leave empty for all meetings.', 'label': 'Series', 'required': False}), 58: ('wagtail.blocks.IntegerBlock', (), {'default': 3, 'help_text': 'How many meetings to show.', 'label': 'Number', 'max_value': 12, 'min_value': 1}), 59: ('wagtail.blocks.StructBlock', [[('heading', 56), ('series', 57), ('count', 58)]], {}), 60: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page', 'required': False}), 61: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document', 'required': False}), 62: ('wagtail.blocks.URLBlock', (), {'label': 'External URL', 'required': False}), 63: ('wagtail.blocks.CharBlock', (), {'help_text': 'Leave empty to use the title of the page or document, or the address.', 'label': 'Link text', 'max_length': 255, 'required': False}), 64: ('wagtail.blocks.StructBlock', [[('page', 60), ('document', 61), ('url', 62), ('text', 63)]], {}), 65: ('wagtail.blocks.CharBlock', (), {'help_text': 'A verb, e.g. Apply now.', 'label': 'Button label', 'max_length': 60}), 66: ('wagtail.blocks.StructBlock', [[('page', 60), ('document', 61), ('url', 62), ('text', 63)]], {'label': 'Link'}), 67: ('wagtail.blocks.StructBlock', [[('title', 9), ('text', 38), ('button_label', 65), ('link', 66)]], {}), 68: ('wagtail.blocks.ListBlock', (11,), {'label': 'Sections', 'min_num': 1}), 69: ('wagtail.blocks.StructBlock', [[('title', 18), ('items', 68)]], {})}, verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='countries',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The participating States the story is about; type to find one.', related_name='+', to='wagtail_osce.participatingstate', verbose_name='countries'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='fields_of_work',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The fields of work the story is filed under; type to find one.', related_name='+', to='wagtail_osce.fieldofwork', verbose_name='fields of work'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='hero_alt_text',
            field=models.CharField(blank=True, help_text='What the image shows, for people who cannot see it. Required unless the image is decorative or its description in the image library already says it.', max_length=255, verbose_name='alternative text'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='hero_caption',
            field=models.CharField(blank=True, help_text='Shown under the image: what, where and when, in a sentence.', max_length=255, verbose_name='caption'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='related_stories',
            field=wagtail.fields.StreamField([('related_stories', 5)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'default': 'Related stories', 'label': 'Heading', 'max_length': 255, 'required': False}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Story', 'page_type': ['wagtail_osce.StoryPage']}), 2: ('wagtail.blocks.ListBlock', (1,), {'default': [], 'help_text': 'Pick stories here, or leave empty and choose a field of work below.', 'label': 'Chosen stories'}), 3: ('wagtail_osce.blocks.references.ReferenceChooserBlock', ('wagtail_osce.FieldOfWork',), {'help_text': 'Show the latest stories in this field of work instead of chosen ones.', 'label': 'Field of work', 'required': False}), 4: ('wagtail.blocks.IntegerBlock', (), {'default': 3, 'help_text': 'How many of the latest stories to show.', 'label': 'Number', 'max_value': 12, 'min_value': 1}), 5: ('wagtail.blocks.StructBlock', [[('heading', 0), ('stories', 2), ('field_of_work', 3), ('count', 4)]], {})}, help_text='The one place for stories to read next, shown at the end of the story: chosen ones, or the latest in a field of work.', verbose_name='related stories'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='sources',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The bodies the story comes from, such as the Ministerial Council; type to find one.', related_name='+', to='wagtail_osce.structure', verbose_name='sources'),
        ),
    ]
