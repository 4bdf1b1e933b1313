#pragma once
// The pupitred process: a Poco ServerApplication (foreground by default; --daemon on Unix,
// /registerService on Windows come from Poco). It reads the options and the optional
// configuration file, sets up the log, runs a Daemon until asked to stop.
#include <Poco/Util/ServerApplication.h>

#include <map>
#include <string>
#include <vector>

namespace pupitre::daemon {

class PupitredApplication : public Poco::Util::ServerApplication
{
public:
  // Options are --name on every platform (Poco's default on Windows is /name).
  PupitredApplication() { setUnixOptions(true); }

protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

private:
  // The command line's value, else the configuration file's key, else `fallback`; relative
  // paths in the configuration file are taken from the file's folder.
  std::string pathSetting(const std::string& option, const std::string& key,
                          const std::string& fallback);

  bool m_helpRequested = false;
  bool m_noKeyring = false;
  std::map<std::string, std::string> m_options; // --name -> value (paths made absolute)
  std::string m_configFolder;
};

} // namespace pupitre::daemon
