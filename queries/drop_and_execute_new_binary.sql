-- Rule: Drop and execute new binary in container
-- Source: falco_rules.yaml (stable)
-- Priority: CRITICAL
-- Tags: container, process, mitre_persistence, TA0003, PCI_DSS_11.5.1
-- Purpose: A program was executed whose file a traced process wrote, created, renamed or linked into place, or chmod'ed, since the app started (FarQuery's stand-in for Falco's overlay upper-layer flag).
WITH drops(path, first_time) AS MATERIALIZED (
    -- The constraint on time disables the file side's bookmark (docs/osquery-compat.md §5): the drop may have been reported in an
    -- earlier run than the exec, so the drops see every buffered file event while the execs are seen once each. The drops
    -- are materialised at most once per run, so each exec costs an index lookup rather than a scan of the file buffer.
    SELECT CASE WHEN f.operation IN ('rename', 'link') THEN f.dest_path ELSE f.path END, min(f.time)
    FROM process_file_events f
    WHERE f.time > 0 AND f.status = 'succeeded'
      AND (f.operation IN ('creat', 'chmod', 'rename', 'link')
           OR (f.operation = 'open' AND substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')))
    GROUP BY 1)
SELECT 'Drop and execute new binary in container' AS rule,
       'CRITICAL' AS priority, 'container,process,mitre_persistence,TA0003,PCI_DSS_11.5.1' AS tags,
       e.pid, e.name, e.path, e.cmdline, e.parent, e.parent_name, e.parent_cmdline, e.ancestors, e.cwd, e.exec_path, e.time
FROM process_events e
WHERE e.syscall IN ('execve', 'execveat')
  AND e.path IS NOT NULL
  AND EXISTS (SELECT 1 FROM drops d WHERE d.path = e.path AND d.first_time <= e.time);
