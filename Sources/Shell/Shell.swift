/// Shell: the mindscope command language, command registry, workspace, transcripts and replay.
