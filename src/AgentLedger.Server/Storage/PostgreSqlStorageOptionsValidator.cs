using AgentLedger.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLedger.Server.Storage;

/// <summary>Checks the PostgreSQL settings at start, naming each bad key (never echoing the connection string).</summary>
internal sealed class PostgreSqlStorageOptionsValidator : IValidateOptions<PostgreSqlStorageOptions>
{
    private const string EnvironmentVariable = "Storage__PostgreSql__ConnectionString";

    public ValidateOptionsResult Validate(string? name, PostgreSqlStorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{PostgreSqlStorageOptions.ConnectionStringKey} is required when {StorageOptions.ProviderKey}=PostgreSql; "
                       + $"set the environment variable {EnvironmentVariable} (e.g. Host=db;Database=agentledger;Username=agentledger;Password=…).");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrEmpty(builder.Host))
                {
                    errors.Add($"{PostgreSqlStorageOptions.ConnectionStringKey} names no Host.");
                }
            }
            catch (ArgumentException ex)
            {
                // The message names the offending keyword, not its value, so it does not leak the password.
                errors.Add($"{PostgreSqlStorageOptions.ConnectionStringKey} is not a valid connection string: {ex.Message}");
            }
        }

        if (options.PartitionMonthsAhead is < 0 or > 24)
        {
            errors.Add($"{PostgreSqlStorageOptions.SectionName}:{nameof(options.PartitionMonthsAhead)} must be between 0 and 24.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
