using Amazon.CDK;
using PetStoreInfra;
using PetStoreInfra.Configuration;
using PetStoreInfra.Constructs;

try
{
    var app = new App();
    var config = ConfigLoader.FromContext(app.Node);
    var layout = RepositoryLayout.Find();
    PetStoreApp.Build(app, config, new LambdaBundle(layout, config.Lambda.Architecture));
    app.Synth();
}
catch (ConfigurationException e)
{
    // A configuration mistake is the user's to fix: say what it is, without a stack trace.
    Console.Error.WriteLine(e.Message);
    return 1;
}
return 0;
