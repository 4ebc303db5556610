"""The outbox: every email is written here in the transaction that caused it, then sent by the
task worker (``manage.py db_worker --backend mail``) with a timeout, retries and a record of
final failures that staff can retry from the admin."""
