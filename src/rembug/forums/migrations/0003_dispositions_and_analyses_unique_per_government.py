"""The two one-to-one links of forums become foreign keys whose uniqueness is a constraint led
by the government (a sharded database can enforce only those). The columns stay; the unique
constraints are added before the one-to-one uniqueness is dropped, so no moment allows two."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_link_forums_to_plan_documents_and_items"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="disposition",
            constraint=models.UniqueConstraint(
                fields=("government", "input"), name="disposition_one_per_input"
            ),
        ),
        migrations.AddConstraint(
            model_name="forumanalysis",
            constraint=models.UniqueConstraint(
                fields=("government", "forum"), name="forum_analysis_one_per_forum"
            ),
        ),
        migrations.AlterField(
            model_name="disposition",
            name="input",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="dispositions",
                related_query_name="disposition",
                to="forums.foruminput",
            ),
        ),
        migrations.AlterField(
            model_name="forumanalysis",
            name="forum",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="analyses",
                related_query_name="analysis",
                to="forums.forum",
            ),
        ),
    ]
