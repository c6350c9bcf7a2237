using PetStore.Cedar;
using PetStore.Local;
using PetStore.NodeTools;
using PetStore.Configuration;

var (options, error) = LocalOptions.Parse(args);
if (options is null)
{
    if (error is null) return LocalOptions.Command().Parse(args).Invoke();
    Console.Error.WriteLine(error);
    return 2;
}

try
{
    return await LocalPetStore.RunAsync(options, Console.Out);
}
// A missing prerequisite or a configuration mistake: one line that says what to do, no stack trace.
catch (Exception e) when (e is MissingPrerequisiteException or ConfigurationException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (CedarPolicyException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
