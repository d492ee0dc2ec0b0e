namespace Webook.TestSupport;

/// <summary>
/// The one repository-root finder of the tests. Compiled into Webook.TestSupport (<see cref="TestEnvironment.RepositoryRoot"/>) and,
/// as a linked file, into Webook.UnitTests, which does not reference Webook.TestSupport: that would bring Webook.Server
/// into the unit tests.
/// </summary>
internal static class RepositoryDirectory
{
    /// <summary>The directory holding Webook.Functions.sln, found by walking up from the test binaries.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Webook.Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException("Webook.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
