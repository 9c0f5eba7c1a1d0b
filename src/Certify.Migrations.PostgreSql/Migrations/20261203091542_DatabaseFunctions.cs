using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// The functions behind Certify.Data.DbTime and Certify.Data.DbText, written with PostgreSQL's own date and text
    /// functions (SQL functions the planner inlines), and the trigram index that serves the case- and accent-insensitive
    /// search of legal names. unaccent and pg_trgm ship with PostgreSQL and are trusted: the database owner creates them.
    /// </summary>
    public partial class DatabaseFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;");
            migrationBuilder.Sql("""
                CREATE FUNCTION public.certify_ms(instant timestamptz) RETURNS bigint
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT floor(extract(epoch FROM instant) * 1000)::bigint + 62135596800000 $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION public.certify_day(day date) RETURNS integer
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT day - DATE '0001-01-01' $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION public.certify_month(instant timestamptz) RETURNS integer
                LANGUAGE sql STABLE STRICT PARALLEL SAFE
                AS $$ SELECT (extract(year FROM instant AT TIME ZONE 'America/Mexico_City') * 12
                    + extract(month FROM instant AT TIME ZONE 'America/Mexico_City') - 1)::integer $$;
                """);
            // Immutable (the dictionary is named, not looked up on the search path), so an index can be built on it.
            migrationBuilder.Sql("""
                CREATE FUNCTION public.certify_fold(value text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Distinctives_LegalName_Folded" ON "Distinctives"
                USING gin (public.certify_fold("LegalName") public.gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Distinctives_LegalName_Folded";""");
            migrationBuilder.Sql("DROP FUNCTION public.certify_fold(text);");
            migrationBuilder.Sql("DROP FUNCTION public.certify_month(timestamptz);");
            migrationBuilder.Sql("DROP FUNCTION public.certify_day(date);");
            migrationBuilder.Sql("DROP FUNCTION public.certify_ms(timestamptz);");
        }
    }
}
