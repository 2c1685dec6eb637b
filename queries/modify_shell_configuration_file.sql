-- Rule: Modify Shell Configuration File
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: WARNING
-- Tags: host, container, filesystem, mitre_persistence, T1546.004
-- Purpose: A shell start-up file (.bashrc, .profile, /etc/profile, ...) was written by a program other than a shell: persistence on the next login.
SELECT 'Modify Shell Configuration File' AS rule,
       'WARNING' AS priority, 'container,filesystem,mitre_persistence,T1546.004' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation IN ('open', 'creat') AND f.status = 'succeeded'
  AND (f.operation = 'creat' OR substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7'))
  AND (replace(f.path, rtrim(f.path, replace(f.path, '/', '')), '') IN
          ('.bashrc', '.bash_profile', '.bash_history', '.bash_login', '.bash_logout', '.inputrc', '.profile', '.cshrc',
           '.login', '.logout', '.history', '.tcshrc', '.cshdirs', '.zshenv', '.zprofile', '.zshrc', '.zlogin', '.zlogout')
       OR f.path IN ('/etc/profile', '/etc/bashrc', '/etc/csh.cshrc', '/etc/csh.login')
       OR f.path LIKE '/etc/zsh/%')
  AND coalesce(f.name, '') NOT IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash');
