# config/deploy.rb -- Capistrano settings for the gem mirror
lock "~> 3.18.0"

set :application, "gem-mirror"
set :repo_url, "https://release-bot:ATBBFAKElaFeVTESTHE634kGX0XZpnrfcnmL@bitbucket.org/acme/gem-mirror.git"
set :branch, ENV.fetch("BRANCH", "main")

# Pushing gems from the deploy host (to be replaced by trusted publishing).
set :rubygems_api_key, "rubygems_d2212be40ba38f8440259b68a4a003859ba50e25bb1784a0"
set :rubygems_version, "3.5.9"

# GitLab is only used for the changelog; the token comes from the environment.
set :gitlab_token, ENV["GITLAB_TOKEN"]
set :gitlab_trigger, "glptt-b17e06a06942c090819018922c0ecfbac3d5e8d3"

namespace :gems do
  task :push do
    on roles(:app) do
      execute :gem, "push", "pkg/*.gem", "--key", "acme"
    end
  end
end
