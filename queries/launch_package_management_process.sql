-- Rule: Launch Package Management Process in Container
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: ERROR
-- Tags: container, process, software_mgmt, mitre_persistence, T1505
-- Purpose: A package manager ran inside the running container: software is being installed outside the image build.
WITH package_mgmt_binaries(name) AS (VALUES
    ('dnf'), ('dnf-automatic'), ('rpm'), ('rpmkey'), ('yum'), ('microdnf'), ('rpmkeys'), ('rpmq'), ('yum-cron'),
    ('dpkg'), ('dpkg-preconfigu'), ('dpkg-reconfigur'), ('dpkg-divert'), ('apt'), ('apt-get'), ('aptitude'),
    ('frontend'), ('preinst'), ('add-apt-reposit'), ('apt-auto-remova'), ('apt-key'), ('apt-listchanges'),
    ('unattended-upgr'), ('apt-add-reposit'), ('apt-cache'), ('update-alternat'), ('gem'), ('npm'), ('pip'),
    ('pip3'), ('conda'), ('uv'), ('sane-utils.post'), ('alternatives'), ('chef-client'), ('apk'), ('snapd'))
SELECT 'Launch Package Management Process in Container' AS rule,
       'ERROR' AS priority, 'container,process,software_mgmt,mitre_persistence,T1505' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN (SELECT name FROM package_mgmt_binaries)
  AND NOT EXISTS (SELECT 1 FROM package_mgmt_binaries l WHERE instr(' ' || coalesce(ancestors, '') || ' ', ' ' || l.name || ' ') > 0);
