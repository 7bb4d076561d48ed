"""Competence made visible at work (opinnollistaminen): the supervisor's records of
what a participant worked on and showed towards qualification units, the client's
own view of them and the certificate of competence (osaamistodistus)."""
