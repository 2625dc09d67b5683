using System.Diagnostics;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Helper threads that stay between the run's parallel phases, so a phase's other workers
/// start with it, where <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// waits for a thread-pool thread to wake — about 0.15–0.4 ms a phase on this machine's virtual
/// CPUs, and a standard run had 361 phases (313 since a year's reduction became one phase,
/// <see cref="YearJobs"/>). Summed over a run's phases, the workers' starts lagged
/// 97–148 ms with the thread pool and 20 ms with the gang (43 ms at 10,000 paths, JIT; what is left
/// follows serial steps longer than the spin, such as a scenario's NPV rows cleared), by a
/// temporary probe (docs/performance.md, twenty-first session).
/// </summary>
/// <remarks>
/// One phase at a time: a second caller (tests running simulations side by side, a phase
/// started inside a phase) finds the gang taken and is told so, and runs its phase another way.
/// A helper spins for <see cref="SpinTicks"/> after its part of a phase, so the next phase
/// finds it awake, and then blocks; the threads are background threads, so they never keep the
/// process alive. Each part runs in the caller's execution context (its culture among it).
/// </remarks>
internal static class WorkerGang
{
    /// <summary>How long an idle helper spins before it blocks (2 ms): longer than most serial steps between a run's phases, short enough not to matter when the program has moved on.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 500;

    private static readonly List<Helper> Helpers = [];

    private static int _taken;

    /// <summary>
    /// Runs <paramref name="part"/>(w) for w in [0, <paramref name="workers"/>) — w = 0 on the calling
    /// thread, the others on the gang's helpers — and returns when all have returned, with the
    /// exceptions they threw (none: empty) in worker order. Returns false, having run nothing,
    /// when the gang is running another phase or there are more workers than processors.
    /// </summary>
    public static bool TryRun(int workers, Action<int> part, out IReadOnlyList<Exception> exceptions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        exceptions = [];

        // More workers than processors take turns on them, and a waiting helper's spin would
        // take turns from the working ones: 4 workers on 2 processors ran 35 % slower with the
        // gang (docs/performance.md, twenty-first session).
        if (workers > Environment.ProcessorCount || Interlocked.CompareExchange(ref _taken, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            while (Helpers.Count < workers - 1)
            {
                Helpers.Add(new Helper(Helpers.Count + 1));
            }

            var context = ExecutionContext.Capture();
            for (var h = 0; h < workers - 1; h++)
            {
                Helpers[h].Start(part, context);
            }

            List<Exception>? thrown = null;
            try
            {
                part(0);
            }
            catch (Exception e)
            {
                thrown = [e];
            }

            for (var h = 0; h < workers - 1; h++)
            {
                if (Helpers[h].Join() is { } e)
                {
                    (thrown ??= []).Add(e);
                }
            }

            exceptions = thrown ?? [];
            return true;
        }
        finally
        {
            Volatile.Write(ref _taken, 0);
        }
    }

    /// <summary>Waits until <paramref name="flag"/> is 1: spinning for <see cref="SpinTicks"/>, then blocking on <paramref name="gate"/> (<see cref="Raise"/> sets it under that lock).</summary>
    private static void Await(ref int flag, object gate)
    {
        var until = Stopwatch.GetTimestamp() + SpinTicks;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref flag) == 0)
        {
            if (Stopwatch.GetTimestamp() < until)
            {
                // Spins, then yields its core to any thread ready to run (never sleeps a
                // millisecond): a helper that is early for its phase takes nothing from the others.
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            lock (gate)
            {
                while (Volatile.Read(ref flag) == 0)
                {
                    Monitor.Wait(gate);
                }
            }
        }
    }

    /// <summary>Sets <paramref name="flag"/> to 1 and wakes whoever blocks on <paramref name="gate"/> for it.</summary>
    private static void Raise(ref int flag, object gate)
    {
        lock (gate)
        {
            Volatile.Write(ref flag, 1);
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>One helper thread: waits for a part, runs it, says it is done.</summary>
    private sealed class Helper
    {
        private readonly int _worker;
        private readonly object _gate = new();
        private Action<int>? _part;
        private ExecutionContext? _context;
        private Exception? _exception;
        private int _pending;
        private int _done;

        public Helper(int worker)
        {
            _worker = worker;
            new Thread(Loop) { IsBackground = true, Name = $"ClimateRisk worker {worker}" }.Start();
        }

        /// <summary>Hands the helper its part of a phase.</summary>
        public void Start(Action<int> part, ExecutionContext? context)
        {
            (_part, _context, _exception) = (part, context, null);
            Volatile.Write(ref _done, 0);
            Raise(ref _pending, _gate);
        }

        /// <summary>Waits for the part to end; returns what it threw, if anything.</summary>
        public Exception? Join()
        {
            Await(ref _done, _gate);
            return _exception;
        }

        private void Loop()
        {
            while (true)
            {
                Await(ref _pending, _gate);
                Volatile.Write(ref _pending, 0);
                try
                {
                    if (_context is { } context)
                    {
                        ExecutionContext.Run(context, static state => ((Helper)state!).RunPart(), this);
                    }
                    else
                    {
                        RunPart();
                    }
                }
                catch (Exception e)
                {
                    _exception = e;
                }

                (_part, _context) = (null, null);
                Raise(ref _done, _gate);
            }
        }

        private void RunPart() => _part!(_worker);
    }
}
