# stage jsonl
