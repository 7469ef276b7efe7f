"""Signals the reference data sends where Django's model signals stay silent.

``osce_seed`` writes in bulk, which sends no ``post_save``; once its transaction
has committed it sends :data:`reference_data_seeded` instead, so that caches and
frontend caches (connected in ``AppConfig.ready()``) drop what they hold.
"""

from django.dispatch import Signal

#: Sent after the seeder's transaction committed with changes; ``models`` lists the
#: snippet models it wrote to.
reference_data_seeded = Signal()
