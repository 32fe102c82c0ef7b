# Each subgraph's MySQL accounts (README, "Database accounts"). The MySQL image sources this file once, as
# root, when it initialises an empty data volume, and never again: on a volume made before, run the same
# statements by hand. Per subgraph:
#   - the owner (`<database>_owner`): everything on its own database only, with GRANT OPTION; it creates
#     the database, runs the migrations (triggers included) and grants the service account its tables;
#   - the service account (`<database>`): nothing here; its owner grants it, table by table, what it needs
#     (platform/src/database.ts), so it cannot drop, alter or truncate a table, nor read another database.
# The passwords come from the variables named below, or from the files their `_FILE` variants name.

pb_secret() {
  local file_variable="${1}_FILE"
  if [ -n "${!file_variable:-}" ]; then
    # trimmed, as the servers read it
    tr -d '\r\n' < "${!file_variable}"
  elif [ -n "${!1:-}" ]; then
    printf '%s' "${!1}"
  else
    echo "accounts.sh: set $1 or ${1}_FILE" >&2
    return 1
  fi
}

# a password as an SQL string literal: quotes doubled, backslashes escaped
pb_sql_string() {
  printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")"
}

pb_accounts() {
  local database=$1 prefix=$2 password owner_password
  password=$(pb_secret "${prefix}_MYSQL_PASSWORD") || exit 1
  owner_password=$(pb_secret "${prefix}_MYSQL_OWNER_PASSWORD") || exit 1
  docker_process_sql <<SQL
CREATE USER IF NOT EXISTS '${database}_owner'@'%' IDENTIFIED BY $(pb_sql_string "$owner_password");
GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${database}_owner'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS '${database}'@'%' IDENTIFIED BY $(pb_sql_string "$password");
SQL
}

pb_accounts pb_organization ORGANIZATION
pb_accounts pb_party_work PARTY_WORK
