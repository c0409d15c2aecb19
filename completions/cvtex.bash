# bash completion for cvtex: commands, options, their values, and .toml files.
# Installed to share/bash-completion/completions/cvtex; tests/e2e/install_test.cpp loads it in
# bash and checks that it names every option of `cvtex ... --help`.

_cvtex() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local global="-h --help --version --color --diagnostics-format -W --warnings-as-errors
        -q --quiet -v --verbose"
    local build="-o --output --tex --emit --png-dpi --engine --timeout --no-format-cache --keep-build
        -M --depfile -MF --depfile-target -MT --phony-targets -MP --force --watch
        --allow-overflow --variant --tags --exclude-tags --set --var"
    local packet="--only -j --jobs --engine --timeout --no-format-cache --allow-overflow
        -M --depfile -MF --depfile-target -MT --phony-targets -MP --force --watch"
    local selection="--variant --tags --exclude-tags --set --var"
    local command="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            build | watch | check | new | import | schema | packet | theme)
                command=${COMP_WORDS[i]}
                break
                ;;
        esac
    done
    case $prev in
        --engine) mapfile -t COMPREPLY < <(compgen -W "pdflatex xelatex lualatex" -- "$cur"); return ;;
        --emit)
            # A comma list: complete the name after the last comma.
            local done="" last="$cur"
            [[ $cur == *,* ]] && done="${cur%,*}," && last="${cur##*,}"
            mapfile -t COMPREPLY < <(compgen -P "$done" -W "pdf tex md txt html json-resume png" -- "$last")
            return ;;
        --color) mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur"); return ;;
        --diagnostics-format) mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur"); return ;;
        --format) mapfile -t COMPREPLY < <(compgen -W "json markdown" -- "$cur"); return ;;
        --from) mapfile -t COMPREPLY < <(compgen -W "json-resume rendercv" -- "$cur"); return ;;
        --kind) mapfile -t COMPREPLY < <(compgen -W "cv letter statement packet" -- "$cur"); return ;;
        -o | --output | --tex | --depfile | -MF) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
        --keep-build) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
        --timeout | --depfile-target | -MT | --variant | --tags | --exclude-tags | --set | --var | \
            --only | -j | --jobs) return ;;
    esac
    if [[ $cur == -* ]]; then
        local options=$global
        case $command in
            build | watch) options="$build $global" ;;
            packet) options="$packet $global" ;;
            check) options="$selection $global" ;;
            new) options="--kind -o --output --force -h --help" ;;
            import) options="-o --output --from --force -h --help" ;;
            schema) options="--format -h --help" ;;
            theme) options="--force -h --help" ;;
        esac
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        return
    fi
    case $command in
        "") mapfile -t COMPREPLY < <(compgen -W "build watch check new import schema packet theme" -- "$cur") ;;
        import)
            mapfile -t COMPREPLY < <(compgen -f -X '!*.json' -- "$cur"; compgen -f -X '!*.yaml' -- "$cur"
                compgen -f -X '!*.yml' -- "$cur"; compgen -d -- "$cur")
            ;;
        theme)
            if [[ $prev == theme ]]; then
                mapfile -t COMPREPLY < <(compgen -W "list copy" -- "$cur")
            elif [[ $prev == copy ]]; then
                mapfile -t COMPREPLY < <(compgen -W "classic moderncv engineering academic sidebar" -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            fi
            ;;
        build | watch | check | packet)
            mapfile -t COMPREPLY < <(compgen -f -X '!*.toml' -- "$cur"; compgen -d -- "$cur")
            ;;
    esac
}
complete -o filenames -F _cvtex cvtex
