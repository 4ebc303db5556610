"""Citizen facilitators: applicants, applications, reviews, invitations and the audit trail."""
