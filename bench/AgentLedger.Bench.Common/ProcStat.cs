using System.Globalization;

namespace AgentLedger.Bench;

/// <summary>CPU time and memory of any process, read from /proc (Linux only).</summary>
public static class ProcStat
{
    /// <summary>Clock ticks per second for /proc/{pid}/stat; 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).</summary>
    private const double TicksPerSecond = 100.0;

    /// <summary>A line of /proc/{pid}/status in KiB: VmRSS (resident now) or VmHWM (peak resident so far).</summary>
    public static long StatusKiB(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }

    /// <summary>
    /// CPU seconds the process has used (user + system, /proc/{pid}/stat fields 14 and 15 in clock ticks): on a
    /// shared machine, work per CPU second says more about the code than work per wall second.
    /// </summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // the command name (field 2) is in parentheses and may contain spaces: count fields after its closing one
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
